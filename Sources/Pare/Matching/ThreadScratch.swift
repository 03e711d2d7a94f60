#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Each thread's ``MatchScratch``, kept from one document to the next.
///
/// A scratch holds PCRE2 match data and a JIT stack (an mmap); making one per
/// document cost a system call pair per page, which dominated runs over many tiny
/// documents. ``Cleaner`` is shared between threads, so the scratch cannot live in
/// it; it lives in thread-specific storage instead, one per thread and set of
/// limits, and goes when the thread ends.
enum ThreadScratch {
    /// A thread's scratches, by limits (almost always one).
    private final class Cache {
        var byLimits: [MatchLimits: MatchScratch] = [:]
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<Cache>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    /// The calling thread's scratch for `limits`.
    static func current(limits: MatchLimits) -> MatchScratch {
        let cache: Cache
        if let pointer = pthread_getspecific(key) {
            cache = Unmanaged<Cache>.fromOpaque(pointer).takeUnretainedValue()
        } else {
            cache = Cache()
            pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
        }
        if let scratch = cache.byLimits[limits] { return scratch }
        let scratch = MatchScratch(limits: limits)
        cache.byLimits[limits] = scratch
        return scratch
    }
}
