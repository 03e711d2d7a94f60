/// A record in a corpus file that cannot be read as its format requires: a JSONL line
/// that is not one JSON object, a WARC record without `Content-Length`, a line longer
/// than the configured limit.
///
/// The description names the file and where in it the problem is, so it can be shown
/// to the user as is:
///
/// ```
/// data.jsonl:17: invalid JSON: unterminated string at column 220
/// crawl.warc.wet.gz: byte 123456: WARC record without Content-Length
/// ```
public struct MalformedRecord: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as the user gave it, or `<stdin>`.
    public let path: String
    /// The 1-based line number, for line-oriented formats (JSONL, plain text).
    public let line: Int?
    /// The offset of the record's first byte in the decompressed stream.
    public let byteOffset: Int?
    /// What is wrong, in words, without the location.
    public let message: String

    /// Creates a description of a malformed record.
    ///
    /// - Parameters:
    ///   - path: the file's path as the user gave it.
    ///   - line: the 1-based line number, if the format is line-oriented.
    ///   - byteOffset: the record's offset in the decompressed stream, if known.
    ///   - message: what is wrong, without the location.
    public init(path: String, line: Int? = nil, byteOffset: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
        self.message = message
    }

    /// `path:line: message`, else `path: byte N: message`, else `path: message`.
    ///
    /// A line number is what a user can jump to in an editor, so it wins over the byte
    /// offset when both are known.
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        if let byteOffset { return "\(path): byte \(byteOffset): \(message)" }
        return "\(path): \(message)"
    }
}
