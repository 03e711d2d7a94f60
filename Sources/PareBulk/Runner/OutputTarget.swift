/// Where one input's results go: standard output (shared by all inputs, in order), or
/// a file in the output directory that appears under its name only when complete.
///
/// A file whose name asks for compression receives batches the workers already
/// compressed (``BlockCompressor``); the target only writes them.
final class OutputTarget {
    let stream: OutputByteStream
    private let file: AtomicOutputFile?
    /// The compression the file's name asks for.
    private let compression: CompressionFormat
    /// The final path, or `<stdout>`.
    let path: String

    /// Standard output, uncompressed.
    static func standardOutput() -> OutputTarget {
        OutputTarget(stream: OutputByteStream(fd: 1, format: .none, path: "<stdout>"), file: nil,
                     compression: .none, path: "<stdout>")
    }

    /// A new file at `path`, compressed as its extension says (`.gz`, `.zst`) by the
    /// workers, batch by batch.
    static func file(at path: String) throws(BulkIOError) -> OutputTarget {
        let file = try AtomicOutputFile(path: path)
        let stream = OutputByteStream(fd: file.fd, format: .none, path: path)
        return OutputTarget(stream: stream, file: file, compression: CompressionFormat.forFileName(path), path: path)
    }

    private init(stream: OutputByteStream, file: AtomicOutputFile?, compression: CompressionFormat, path: String) {
        self.stream = stream
        self.file = file
        self.compression = compression
        self.path = path
    }

    /// Flushes everything and, for a file, gives it its final name.
    func commit() throws(BulkIOError) {
        if compression != .none && stream.bytesWritten == 0 {
            // No batch wrote anything: an empty member or frame keeps the file a valid
            // .gz/.zst (gzip(1) rejects a zero-byte .gz).
            try stream.write(BlockCompressor.compress([], format: compression))
        }
        try stream.finish()
        try file?.commit()
    }

    /// Abandons a file: nothing appears under its name.
    func discard() {
        file?.discard()
    }
}
