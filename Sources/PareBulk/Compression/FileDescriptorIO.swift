#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over read(2), write(2) and close(2) for the compression layer.
///
/// They exist so that the stream classes, whose own methods are called `read`, `write`
/// and `close`, can reach the system calls without module-qualified names that differ
/// per C library, and so that the EINTR and partial-write loops live in one place.
enum FileDescriptorIO {
    /// An `errno` value captured right after a failed system call.
    ///
    /// Carried as a value because `errno` is overwritten by the next call that fails,
    /// and the callers turn it into a ``BulkIOError`` only after deciding its kind.
    struct SystemError: Error {
        /// The `errno` code.
        let code: Int32

        /// The system's wording for ``code``, e.g. "No space left on device".
        var message: String { String(cString: strerror(code)) }
    }

    /// Reads up to `buffer.count` bytes, retrying when a signal interrupts the call.
    ///
    /// - Parameters:
    ///   - fd: The descriptor to read from.
    ///   - buffer: Where the bytes go; an empty buffer reads nothing and returns 0.
    /// - Returns: The number of bytes read; 0 at end of file.
    /// - Throws: ``SystemError`` with the `errno` of the failed read(2).
    static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = read(fd, base, buffer.count)
            if n >= 0 { return n }
            let code = errno
            // A signal handler ran before any byte arrived: nothing was lost, ask again.
            if code == EINTR { continue }
            throw SystemError(code: code)
        }
    }

    /// Writes all of `bytes`, looping over partial writes and interrupted calls.
    ///
    /// Pipes and sockets may accept fewer bytes than offered, and Linux caps a single
    /// write(2) at about 2 GiB, so one call is never assumed to be enough.
    ///
    /// - Parameters:
    ///   - fd: The descriptor to write to.
    ///   - bytes: The bytes to write; may be empty.
    /// - Throws: ``SystemError`` with the `errno` of the failed write(2) (EPIPE when the
    ///   reader went away and SIGPIPE is ignored, ENOSPC when the disk is full).
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = write(fd, pointer, remaining)
            if n > 0 {
                pointer += n
                remaining -= n
                continue
            }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw SystemError(code: code)
            }
            // write(2) returning 0 for a non-empty request makes no progress; looping
            // would spin forever, so report it as the I/O error it is.
            throw SystemError(code: EIO)
        }
    }

    /// Closes a descriptor once.
    ///
    /// EINTR is treated as success: on Linux the descriptor is released even when
    /// close(2) is interrupted, and retrying could close a descriptor another thread
    /// has just been given.
    ///
    /// - Parameter fd: The descriptor to close.
    /// - Returns: 0, or the `errno` of a failed close (EIO and ENOSPC can surface here
    ///   on network file systems, which matters before renaming a finished file).
    @discardableResult
    static func closeDescriptor(_ fd: Int32) -> Int32 {
        if close(fd) == 0 { return 0 }
        let code = errno
        return code == EINTR ? 0 : code
    }
}
