/// Base32 (RFC 4648, section 6): uppercase `A`–`Z` and `2`–`7`, padded with `=`, the
/// form WARC digests are written in (`sha1:` followed by 32 characters).
enum Base32 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The Base32 text of `bytes` as ASCII bytes.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 4) / 5 * 8)
        var index = 0
        // Each group of 5 bytes (40 bits) gives 8 characters of 5 bits.
        while index < bytes.count {
            let groupCount = min(5, bytes.count - index)
            var group: UInt64 = 0
            for k in 0..<5 {
                group = group << 8 | (k < groupCount ? UInt64(bytes[index + k]) : 0)
            }
            // Characters that carry at least one input bit; the rest are padding.
            let characters = (groupCount * 8 + 4) / 5
            for k in 0..<8 {
                if k < characters {
                    output.append(alphabet[Int(group >> UInt64(35 - 5 * k) & 31)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += groupCount
        }
        return output
    }
}
