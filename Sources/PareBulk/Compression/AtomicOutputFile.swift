#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Numbers temporary files within this process, so that two outputs to the same name
/// from different threads never race for one temporary name.
private let temporaryFileCounter = Atomic<Int>(0)

/// An output file that appears under its final name only when complete.
///
/// Bytes go to a hidden temporary file in the same directory (same directory, so the
/// final rename(2) stays on one file system and is atomic). ``commit()`` renames it over
/// the final path; ``discard()`` or deinit without a commit removes it. A run that is
/// interrupted or fails therefore never leaves a half-written file that looks finished,
/// and an existing file of that name stays intact until the new one is complete.
///
/// Not thread-safe: one owner at a time.
public final class AtomicOutputFile {
    /// The path the file will have once committed, as the caller gave it.
    public let path: String
    /// The temporary file's path: `.<basename>.pare-<pid>-<counter>.tmp` next to ``path``.
    public let temporaryPath: String
    /// The descriptor of the temporary file, open for writing. Closed by ``commit()``
    /// and ``discard()``; do not close it yourself.
    public let fd: Int32

    private enum State { case open, committed, discarded }
    private var state = State.open

    /// Creates the temporary file next to `path`.
    ///
    /// - Parameters:
    ///   - path: The final path. Its directory must exist and be writable.
    /// - Throws: ``BulkIOError`` of kind `.open` naming `path` when the temporary file
    ///   cannot be created (missing directory, permission denied).
    public init(path: String) throws(BulkIOError) {
        self.path = path
        let (directory, base) = Self.split(path)
        let pid = getpid()
        while true {
            let number = temporaryFileCounter.wrappingAdd(1, ordering: .relaxed).oldValue
            let candidate = "\(directory).\(base).pare-\(pid)-\(number).tmp"
            // O_EXCL: never write into a file someone else made, e.g. a leftover of a
            // crashed run whose process id has been reused. 0o666 lets the umask decide
            // permissions, as for any file a command creates.
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o666))
            if fd >= 0 {
                self.temporaryPath = candidate
                self.fd = fd
                return
            }
            let code = errno
            if code == EEXIST || code == EINTR { continue }
            throw BulkIOError(.open, path: path, message: String(cString: strerror(code)))
        }
    }

    deinit {
        discard()
    }

    /// Closes the temporary file and renames it to the final path, replacing any file
    /// there.
    ///
    /// The data is synced to disk first, so that after a crash the final name holds
    /// either the old file or the complete new one, never an empty one. On failure the
    /// temporary file is removed. Calling it after a commit does nothing.
    ///
    /// - Throws: ``BulkIOError`` of kind `.write` naming the final path when syncing,
    ///   closing or renaming fails (disk full, the final path is a directory).
    public func commit() throws(BulkIOError) {
        switch state {
        case .committed: return
        case .discarded: preconditionFailure("AtomicOutputFile.commit() after discard()")
        case .open: break
        }
        var code: Int32 = 0
        if fsync(fd) != 0 {
            let failure = errno
            // Pipes and some special file systems cannot sync; that is no data loss.
            if failure != EINVAL && failure != EROFS { code = failure }
        }
        let closeCode = FileDescriptorIO.closeDescriptor(fd)
        if code == 0 { code = closeCode }
        if code == 0, rename(temporaryPath, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporaryPath)
            state = .discarded
            throw BulkIOError(.write, path: path, message: String(cString: strerror(code)))
        }
        state = .committed
    }

    /// Closes and removes the temporary file; the final path is left untouched.
    ///
    /// Safe to call more than once, and does nothing after ``commit()``.
    public func discard() {
        guard state == .open else { return }
        FileDescriptorIO.closeDescriptor(fd)
        unlink(temporaryPath)
        state = .discarded
    }

    /// Splits a path into its directory prefix (with trailing slash, or empty for the
    /// current directory) and its last component.
    private static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
