/// Reads WARC records (WARC/1.0 and 1.1, as in Common Crawl's WET and WARC files)
/// one at a time from a byte stream.
///
/// A record is a version line starting with `WARC/`, header lines `Name: value`
/// ending in CRLF, an empty line, exactly `Content-Length` bytes of body, and CRLF
/// CRLF. The reader is lenient where files in the wild vary harmlessly: bare LF for
/// CRLF, blank lines between records, a missing record end at the end of the file,
/// folded (indented) header continuation lines. It is strict where a mistake would
/// misalign every following record: the version line, `Content-Length`, a body
/// shorter than announced, bytes other than the record end after the body.
///
/// After a ``RecordReadError/malformed(_:)`` error the position in the stream is
/// no longer at a record boundary; stop reading the file.
public final class WARCReader {
    /// The file's path as the user gave it, for error messages.
    public let path: String
    /// The largest record accepted (header block plus body), in bytes.
    public let maximumRecordBytes: Int

    private let lines: LineReader

    /// Creates a reader of WARC records.
    ///
    /// - Parameters:
    ///   - source: where the bytes come from (usually a gzip stream).
    ///   - path: the file's path as the user gave it, used in error messages.
    ///   - maximumRecordBytes: the largest record accepted; a larger one is an error
    ///     rather than an allocation of whatever `Content-Length` claims.
    public init(source: any ByteSource, path: String, maximumRecordBytes: Int = 1 << 30) {
        self.path = path
        self.maximumRecordBytes = maximumRecordBytes
        // Header lines are short; the record limit is only a backstop for a file
        // that is not WARC at all.
        self.lines = LineReader(source: source, path: path, maximumLineBytes: maximumRecordBytes,
                                bufferSize: 1 << 18)
    }

    /// The next record.
    ///
    /// - Returns: the record, or nil at the end of the stream.
    /// - Throws: ``RecordReadError/io(_:)`` when the source fails;
    ///   ``RecordReadError/malformed(_:)`` (with the byte offset of the record, or of
    ///   the offending line) for a missing version line, a header line without a
    ///   colon, a missing or invalid `Content-Length`, a body cut short by the end of
    ///   the stream, a record larger than ``maximumRecordBytes``, or other bytes
    ///   where the record should end.
    public func next() throws(RecordReadError) -> WARCRecord? {
        // Blank lines between records are tolerated (some writers add extra ones).
        var versionLine: UnsafeRawBufferPointer
        repeat {
            guard let line = try line() else { return nil }
            versionLine = Self.trimmingCR(line)
        } while versionLine.isEmpty
        let recordStart = lines.byteOffset
        guard versionLine.starts(with: Self.warcPrefix) else {
            throw malformed(at: recordStart,
                            "expected a WARC version line (WARC/1.0), found \(Self.excerpt(versionLine))")
        }
        var record = WARCRecord(versionLine: Array(versionLine), headers: [], body: [],
                                byteOffset: recordStart)
        var headerBytes = versionLine.count + 2
        var contentLength: Int?

        while true {
            guard let rawLine = try line() else {
                throw malformed(at: recordStart, "WARC header block not ended by an empty line before the end of the stream")
            }
            headerBytes += rawLine.count + 1
            if headerBytes > maximumRecordBytes {
                throw malformed(at: recordStart, "WARC record larger than \(maximumRecordBytes) bytes")
            }
            let line = Self.trimmingCR(rawLine)
            if line.isEmpty { break }
            if line[0] == 0x20 || line[0] == 0x09, !record.headers.isEmpty {
                // A folded continuation of the previous value (allowed by WARC/1.0's
                // grammar, rare in practice).
                // The parts are joined by one space, but an empty value gains no leading
                // space and a blank continuation no trailing one: the value stays trimmed
                // like any other, so writing it on one line and reading it back gives
                // the same value (found by fuzzing).
                let last = record.headers.count - 1
                let continuation = Self.trimmingSpace(line)
                if !continuation.isEmpty {
                    if !record.headers[last].value.isEmpty { record.headers[last].value.append(0x20) }
                    record.headers[last].value.append(contentsOf: continuation)
                }
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw malformed(at: lines.byteOffset, "WARC header line without a colon: \(Self.excerpt(line))")
            }
            let header = WARCHeader(
                name: Array(Self.trimmingSpace(UnsafeRawBufferPointer(rebasing: line[..<colon]))),
                value: Array(Self.trimmingSpace(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))))
            if contentLength == nil, header.matches("Content-Length") {
                guard let length = Self.decimal(header.value) else {
                    throw malformed(at: recordStart, "invalid Content-Length \(Self.excerpt(header.value))")
                }
                contentLength = length
            }
            record.headers.append(header)
        }

        guard let contentLength else {
            throw malformed(at: recordStart, "WARC record without Content-Length")
        }
        guard contentLength <= maximumRecordBytes - headerBytes else {
            throw malformed(at: recordStart,
                            "WARC record larger than \(maximumRecordBytes) bytes (Content-Length \(contentLength))")
        }
        // Reserve what the header promises, but not more than a few MB up front: a
        // truncated file should fail without a giant allocation.
        record.body.reserveCapacity(min(contentLength, 1 << 22))
        let read = try lines.readBytes(contentLength, appendingTo: &record.body)
        guard read == contentLength else {
            throw malformed(at: recordStart,
                            "WARC record body truncated: Content-Length is \(contentLength) but the stream ends after \(read) bytes")
        }

        // The record ends with two line ends; at the end of the file they may be
        // missing (a truncated but complete record is still usable).
        for _ in 0..<2 {
            guard let rawLine = try line() else { break }
            let line = Self.trimmingCR(rawLine)
            if !line.isEmpty {
                throw malformed(at: lines.byteOffset,
                                "expected CRLF CRLF after the WARC record body, found \(Self.excerpt(line)) (wrong Content-Length in the record at byte \(recordStart)?)")
            }
        }
        return record
    }

    // MARK: - Private

    private static let warcPrefix: [UInt8] = Array("WARC/".utf8)

    /// The next line, with an over-long one reported as a WARC error.
    private func line() throws(RecordReadError) -> UnsafeRawBufferPointer? {
        do {
            return try lines.nextLine()
        } catch .malformed(let error) {
            throw malformed(at: error.byteOffset ?? lines.position,
                            "WARC header line longer than \(maximumRecordBytes) bytes")
        } catch {
            throw error
        }
    }

    private func malformed(at offset: Int, _ message: String) -> RecordReadError {
        .malformed(MalformedRecord(path: path, byteOffset: offset, message: message))
    }

    private static func trimmingCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let last = line.last, last == 0x0D else { return line }
        return UnsafeRawBufferPointer(rebasing: line.dropLast())
    }

    private static func trimmingSpace(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// A non-negative decimal number of at most 18 digits (no sign, no spaces).
    private static func decimal(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for b in bytes {
            guard b &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// Up to 60 bytes of a line, quoted, for an error message.
    private static func excerpt(_ bytes: some Collection<UInt8>) -> String {
        let shown = String(decoding: bytes.prefix(60), as: UTF8.self)
        return "\"" + shown + (bytes.count > 60 ? "…" : "") + "\""
    }
}
