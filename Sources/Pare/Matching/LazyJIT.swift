import CPCRE2
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether PCRE2's JIT has compiled one pattern yet; the pattern is JIT-compiled
/// by the first match attempted with it, not when it is loaded.
///
/// JIT-compiling all default patterns (rules and their prefilters) was 46 % of
/// start-up (192 M of 417 M instructions), yet one page only tries the few
/// patterns its lines' first words dispatch to.
///
/// Compiled code is shared by worker threads, and `pcre2_jit_compile` writes into
/// it, so it must never run while another thread matches with the same code (even
/// `pcre2_match` reads the JIT part) or compiles it. So no thread matches before the
/// state says the JIT has been tried: the first thread to find it pending compiles
/// under ``compileLock``, after looking again, and publishes the outcome with a
/// release store. Each match reads the state with an acquire load, which makes the
/// JIT code visible to it too.
///
/// A plain value (one pointer), so that ``CompiledPattern/Handle`` stays one: the
/// hot loops copy handles without retaining anything. Valid until
/// ``deallocate()``, which the owning ``CompiledPattern`` calls when it goes.
struct LazyJIT: @unchecked Sendable {
    // @unchecked: the state is read and written only by atomic operations, and
    // changes only under compileLock.
    private let state: UnsafeMutablePointer<UInt8>

    // The states. Only `pending` ever changes, once, to one of the other two.
    private static let pending: UInt8 = 0
    private static let compiled: UInt8 = 1
    /// The library has no JIT, or it failed on this pattern (out of memory): the
    /// interpreter matches it, as PCRE2 does without JIT, and compiling is not tried
    /// again.
    private static let unavailable: UInt8 = 2

    /// One lock for all patterns: compiles are rare (a few hundred per run at most),
    /// so contention is too, and a lock per pattern would cost a pthread mutex each.
    nonisolated(unsafe) private static let compileLock: UnsafeMutablePointer<pthread_mutex_t> = {
        // nonisolated(unsafe): a pthread mutex is made for sharing; it lives for the
        // whole process at this address.
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        return mutex
    }()

    /// The state of a pattern the JIT has not compiled yet.
    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: Self.pending)
    }

    /// Frees the state; no copy of this value may be used after.
    func deallocate() {
        state.deallocate()
    }

    /// Whether the JIT has compiled the pattern, so that any thread may match it
    /// with `pcre2_jit_match`. False before its first use, and for good if the JIT
    /// is unavailable. One acquire load: the check on every match.
    var isCompiled: Bool {
        @inline(__always) get { pare_load_acquire(state) == Self.compiled }
    }

    /// Whether `code` is JIT-compiled, compiling it first if no thread has tried yet.
    /// False: the interpreter (`pcre2_match`) must match it. Either way, after this
    /// returns any thread may match with `code`.
    ///
    /// - Parameter code: the compiled pattern this state belongs to.
    func compileOnFirstUse(_ code: OpaquePointer) -> Bool {
        let current = pare_load_acquire(state)
        guard current == Self.pending else { return current == Self.compiled }
        pthread_mutex_lock(Self.compileLock)
        defer { pthread_mutex_unlock(Self.compileLock) }
        // Another thread may have compiled it since.
        var outcome = pare_load_acquire(state)
        if outcome == Self.pending {
            outcome = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 ? Self.compiled : Self.unavailable
            pare_store_release(state, outcome)
        }
        return outcome == Self.compiled
    }
}
