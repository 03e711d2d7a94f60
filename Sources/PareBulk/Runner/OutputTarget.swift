/// Where one input's results go: standard output (shared by all inputs, in order), or
/// a file in the output directory that appears under its name only when complete.
final class OutputTarget {
    let stream: OutputByteStream
    private let file: AtomicOutputFile?
    /// The final path, or `<stdout>`.
    let path: String

    /// Standard output, uncompressed.
    static func standardOutput() -> OutputTarget {
        OutputTarget(stream: OutputByteStream(fd: 1, format: .none, path: "<stdout>"), file: nil, path: "<stdout>")
    }

    /// A new file at `path`, compressed as its extension says (`.gz`, `.zst`).
    static func file(at path: String) throws(BulkIOError) -> OutputTarget {
        let file = try AtomicOutputFile(path: path)
        let stream = OutputByteStream(fd: file.fd, format: CompressionFormat.forFileName(path), path: path)
        return OutputTarget(stream: stream, file: file, path: path)
    }

    private init(stream: OutputByteStream, file: AtomicOutputFile?, path: String) {
        self.stream = stream
        self.file = file
        self.path = path
    }

    /// Flushes everything and, for a file, gives it its final name.
    func commit() throws(BulkIOError) {
        try stream.finish()
        try file?.commit()
    }

    /// Abandons a file: nothing appears under its name.
    func discard() {
        file?.discard()
    }
}
