#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor that report failure instead of crashing.
///
/// A closed pipe (`pare … | head -1`) is not an error for a filter: it becomes
/// ``OutputWriter/Failure/closedPipe`` and the command exits 0 quietly, as ripgrep
/// and grep do. Any other failure (a full disk, `/dev/full`) carries errno.
final class OutputWriter {
    enum Failure: Error {
        case closedPipe
        case system(Int32)
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: [UInt8]) throws(Failure) {
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity { try writeAll(bytes); return }
        }
        buffer.append(contentsOf: bytes)
    }

    func write(_ text: String) throws(Failure) {
        try write(Array(text.utf8))
    }

    func flush() throws(Failure) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try writeAll(buffer)
    }

    private func writeAll(_ bytes: [UInt8]) throws(Failure) {
        var failure: Failure?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno == EPIPE ? .closedPipe : .system(errno)
                    return
                }
                offset += n
            }
        }
        if let failure { throw failure }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

extension OutputWriter.Failure {
    /// How a command ends on this failure: nil for a closed pipe (the reader went
    /// away, e.g. `| head`: that is how a filter ends, not an error), otherwise exit
    /// status 1 with the system's reason.
    var cliError: CLIError? {
        switch self {
        case .closedPipe: return nil
        case .system(let code): return .failure("cannot write output: \(String(cString: strerror(code)))")
        }
    }
}

extension OutputWriter {
    /// Writes `text` to standard output and flushes it, for commands whose whole
    /// output is one text: a closed pipe ends quietly, any other failure (a full disk,
    /// `> /dev/full`) is exit status 1 with the system's reason, as for cleaning.
    static func writeStandardOutput(_ text: String) throws(CLIError) {
        let output = OutputWriter(fd: 1)
        do {
            try output.write(text)
            try output.flush()
        } catch {
            if let failure = error.cliError { throw failure }
        }
    }
}

/// Writes a line to standard error, ignoring failure (there is nowhere left to report it).
func printError(_ message: String) {
    let line = Array((message + "\n").utf8)
    line.withUnsafeBytes { raw in _ = systemWrite(2, raw.baseAddress, raw.count) }
}
