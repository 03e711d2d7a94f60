/// One named field of a WARC record's header block, as bytes.
///
/// Kept as bytes so a record can be written back exactly as read; names compare
/// case-insensitively (``matches(_:)``), as the WARC standard says.
public struct WARCHeader: Sendable, Equatable {
    /// The field name as written, e.g. `WARC-Target-URI`.
    public var name: [UInt8]
    /// The field value, without the white space around it.
    public var value: [UInt8]

    /// Creates a header field from bytes.
    public init(name: [UInt8], value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// Creates a header field from text.
    public init(_ name: String, _ value: String) {
        self.name = Array(name.utf8)
        self.value = Array(value.utf8)
    }

    /// Whether the field's name is `name`, ignoring ASCII case.
    public func matches(_ name: String) -> Bool {
        var index = 0
        for byte in name.utf8 {
            guard index < self.name.count, Self.lower(self.name[index]) == Self.lower(byte) else { return false }
            index += 1
        }
        return index == self.name.count
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b
    }
}
