#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure with the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, errno code: Int32) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    public var description: String { "\(path): \(reason)" }
}

/// Whole-file reads with plain POSIX calls (no Foundation on the hot path).
public enum FileBytes {
    /// Reads a whole file, or standard input for `-`.
    ///
    /// - Parameter maximumBytes: the most read; a longer input fails with EFBIG
    ///   ("File too large") instead of growing memory without bound (`/dev/zero`, a
    ///   pipe that never ends).
    public static func read(path: String, maximumBytes: Int = Int.max) throws(FileError) -> [UInt8] {
        if path == "-" { return try read(descriptor: 0, name: "<stdin>", maximumBytes: maximumBytes) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileError(path: path, errno: EISDIR)
        }
        return try read(descriptor: fd, name: path, maximumBytes: maximumBytes)
    }

    /// Reads a descriptor to its end, failing with EFBIG past `maximumBytes`.
    public static func read(descriptor fd: Int32, name: String, maximumBytes: Int = Int.max) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunkSize = 1 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = systemRead(fd, chunk.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: name, errno: errno)
            }
            if n == 0 { return bytes }
            if n > maximumBytes - bytes.count { throw FileError(path: name, errno: EFBIG) }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<n]))
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
