/// Something bytes are read from in chunks: a file, standard input, a decompressor.
///
/// Readers of records (lines, WARC records) pull from a `ByteSource` so they need not
/// know whether the bytes were compressed or where they came from.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`.
    ///
    /// - Returns: the number of bytes read; 0 only at the end of the stream.
    /// - Throws: ``BulkIOError`` when the underlying file cannot be read or a
    ///   compressed stream is corrupt or truncated.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int
}
