/// Writes WARC records in canonical form: CRLF line ends, `Name: value` headers,
/// CRLF CRLF after the body.
///
/// A record read by ``WARCReader`` from a file in that form (as Common Crawl writes
/// them) and written back without a new body comes out byte for byte the same.
public enum WARCWriter {
    /// Appends `record` to `output`, optionally with a new body.
    ///
    /// The headers are written in their original order. `Content-Length` is always
    /// set to the written body's length (and added at the end if missing). When
    /// `newBody` differs from the record's body, the digests no longer hold, so
    /// `WARC-Block-Digest` (added if missing) and `WARC-Payload-Digest` (only if
    /// present) are recomputed as `sha1:` and the Base32 SHA-1 of the new body.
    /// Treating the whole body as the payload is right for `conversion`,
    /// `resource` and `metadata` records, which carry no HTTP headers.
    ///
    /// - Parameters:
    ///   - record: the record to write.
    ///   - newBody: the body to write instead of the record's, or nil to keep it.
    ///   - output: where the record's bytes are appended.
    public static func append(_ record: WARCRecord, newBody: [UInt8]? = nil, to output: inout [UInt8]) {
        let body = newBody ?? record.body
        var digest: [UInt8]?
        if let newBody, newBody != record.body {
            digest = Array("sha1:".utf8) + Base32.encode(SHA1.hash(newBody))
        }
        let length = Array(String(body.count).utf8)

        output.reserveAdditional(body.count + 64 * (record.headers.count + 2))
        output.append(contentsOf: record.versionLine)
        appendLineEnd(to: &output)
        var wroteLength = false
        var wroteBlockDigest = false
        for header in record.headers {
            if header.matches("Content-Length") {
                appendHeader(header.name, length, to: &output)
                wroteLength = true
            } else if let digest, header.matches("WARC-Block-Digest") {
                appendHeader(header.name, digest, to: &output)
                wroteBlockDigest = true
            } else if let digest, header.matches("WARC-Payload-Digest") {
                appendHeader(header.name, digest, to: &output)
            } else {
                appendHeader(header.name, header.value, to: &output)
            }
        }
        if let digest, !wroteBlockDigest {
            appendHeader(Array("WARC-Block-Digest".utf8), digest, to: &output)
        }
        if !wroteLength {
            appendHeader(Array("Content-Length".utf8), length, to: &output)
        }
        appendLineEnd(to: &output)
        output.append(contentsOf: body)
        appendLineEnd(to: &output)
        appendLineEnd(to: &output)
    }

    @inline(__always)
    private static func appendHeader(_ name: [UInt8], _ value: [UInt8], to output: inout [UInt8]) {
        output.append(contentsOf: name)
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: value)
        appendLineEnd(to: &output)
    }

    @inline(__always)
    private static func appendLineEnd(to output: inout [UInt8]) {
        output.append(0x0D)
        output.append(0x0A)
    }
}
