/// A fixed set of threads that take submitted jobs in order.
///
/// Cleaning is CPU-bound and each job is a batch of many documents, so plain threads
/// and one lock are all that is needed; the bulk runner bounds how many jobs are
/// queued, which bounds memory.
final class WorkerPool: @unchecked Sendable {
    // @unchecked: `jobs` and `closed` are only touched with `lock` held.
    private let lock = ConditionLock()
    private var jobs = FIFOQueue<@Sendable () -> Void>()
    private var closed = false
    private var threads: [SystemThread] = []

    /// Starts `count` worker threads.
    init(threads count: Int) {
        precondition(count >= 1, "a pool needs at least one thread")
        for _ in 0..<count {
            threads.append(SystemThread { [self] in workLoop() })
        }
    }

    /// Queues a job; a free thread runs it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        lock.lock()
        precondition(!closed, "submit after shutdown")
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    /// Lets the threads finish the queued jobs, then waits for them to exit.
    func shutdown() {
        lock.lock()
        closed = true
        lock.broadcast()
        lock.unlock()
        for thread in threads { thread.join() }
        threads = []
    }

    private func workLoop() {
        while true {
            lock.lock()
            while jobs.isEmpty && !closed { lock.wait() }
            if jobs.isEmpty {
                lock.unlock()
                return
            }
            let job = jobs.removeFirst()
            lock.unlock()
            job()
        }
    }
}

/// The result of a job that may still be running: the submitter waits for results in
/// submission order, which is what keeps output order independent of the thread count.
final class PendingResult<Value>: @unchecked Sendable {
    // @unchecked: `value` is written once by the worker and taken once by the waiter,
    // both with `lock` held.
    private let lock = ConditionLock()
    private var value: Value?

    /// Called by the worker when done.
    func fulfil(_ result: Value) {
        lock.lock()
        value = result
        lock.signal()
        lock.unlock()
    }

    /// Blocks until the worker is done, then hands the value over.
    func wait() -> Value {
        lock.lock()
        while value == nil { lock.wait() }
        let result = value.take()!
        lock.unlock()
        return result
    }
}
