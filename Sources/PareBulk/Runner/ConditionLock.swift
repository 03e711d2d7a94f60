#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with one condition variable (pthreads), for the worker pool and pending
/// results. Foundation's `NSCondition` would do the same but pulls Foundation into
/// the binary for two system calls.
final class ConditionLock: @unchecked Sendable {
    // @unchecked: the pthread objects are made for sharing between threads; they live
    // at stable heap addresses for the object's lifetime.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for a signal; the lock must be held, and is held again on return.
    func wait() { pthread_cond_wait(condition, mutex) }
    func signal() { pthread_cond_signal(condition) }
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// Starts a detached-from-Swift-concurrency system thread running `body`, and joins it.
final class SystemThread: @unchecked Sendable {
    // @unchecked: `handle` is set once before any other thread sees the object.
    private var handle = pthread_t()
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&handle, nil, { raw in
            let thread = Unmanaged<SystemThread>.fromOpaque(raw!).takeRetainedValue()
            thread.body()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    /// Waits for the thread's body to return.
    func join() {
        pthread_join(handle, nil)
    }
}
