/// Where the values of interest are in a JSONL line, as found by
/// ``JSONLine/scan(_:field:urlField:maximumDepth:)``.
///
/// Ranges are byte offsets into the line and include the value's quotes, so they
/// can be passed to ``JSONLine/decodeString(_:into:)`` and
/// ``JSONLine/replacingValue(in:range:withEncoded:into:)`` as they are.
public struct JSONLineFields: Sendable, Equatable {
    /// The value of the top-level member named by the field (a string).
    public var field: Range<Int>
    /// The value of the top-level member named by the URL field, if there is one and
    /// it is a string.
    public var url: Range<Int>?

    public init(field: Range<Int>, url: Range<Int>?) {
        self.field = field
        self.url = url
    }
}
