import PareBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--stats-json FILE`: the run's statistics, written so that a regular file appears
/// only when complete.
enum StatisticsFile {
    static func write(_ json: String, to path: String) throws(BulkIOError) {
        if isSpecialFile(path) { return try writeInPlace(Array(json.utf8), to: path) }
        let file = try AtomicOutputFile(path: path)
        let stream = OutputByteStream(fd: file.fd, format: .none, path: path)
        do {
            try stream.write(Array(json.utf8))
            try stream.finish()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Whether `path` exists and is not a regular file: `/dev/stderr`, a terminal, a
    /// FIFO, `/dev/full`. Such a path is written in place: renaming a temporary file
    /// over it, as for a regular file, would replace the device or pipe with a plain
    /// file (for root, even in /dev) instead of writing to it.
    private static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(BulkIOError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BulkIOError(.open, path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        let stream = OutputByteStream(fd: fd, format: .none, path: path)
        try stream.write(bytes)
        try stream.finish()
    }
}
