/// One WARC record: version line, header fields in their original order, and body.
///
/// Common Crawl's WET files hold a `warcinfo` record and then one `conversion`
/// record per page, whose body is the page's text.
public struct WARCRecord: Sendable, Equatable {
    /// The first line without its line end, e.g. `WARC/1.0`.
    public var versionLine: [UInt8]
    /// The header fields in the order they were read.
    public var headers: [WARCHeader]
    /// The record's block: exactly `Content-Length` bytes.
    public var body: [UInt8]
    /// The offset of the version line's first byte in the decompressed stream (0
    /// for records made in memory).
    public var byteOffset: Int

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - versionLine: the version line without its line end.
    ///   - headers: the header fields in order; ``WARCWriter`` rewrites
    ///     `Content-Length` to the body's length (adding it if missing).
    ///   - body: the record's block.
    ///   - byteOffset: where the record starts in its stream, if it was read.
    public init(
        versionLine: [UInt8] = Array("WARC/1.0".utf8), headers: [WARCHeader], body: [UInt8],
        byteOffset: Int = 0
    ) {
        self.versionLine = versionLine
        self.headers = headers
        self.body = body
        self.byteOffset = byteOffset
    }

    /// The value of the first header field named `name` (ignoring ASCII case).
    public func value(forHeader name: String) -> [UInt8]? {
        headers.first(where: { $0.matches(name) })?.value
    }

    /// The value of the first header field named `name` (ignoring ASCII case) as
    /// text; invalid UTF-8 is replaced.
    public func stringValue(forHeader name: String) -> String? {
        value(forHeader: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The `WARC-Type` value, e.g. `conversion`, `warcinfo`, `response`.
    public var type: String? { stringValue(forHeader: "WARC-Type") }

    /// The `WARC-Target-URI` value: the page's URL.
    public var targetURI: String? { stringValue(forHeader: "WARC-Target-URI") }

    /// The `WARC-Record-ID` value, e.g. `<urn:uuid:…>`.
    public var recordID: String? { stringValue(forHeader: "WARC-Record-ID") }
}
