/// Decoding one UTF-8 sequence at a time, strictly: the one decoder behind rule-pack
/// validation and the first-word dispatch of lines.
enum UTF8Decoding {
    /// The scalar value at `position` and its length in bytes; nil at the end of the
    /// buffer or when the bytes there are not valid UTF-8 (bad lead byte, bad or
    /// missing continuation, overlong form, surrogate, beyond U+10FFFF).
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (value: UInt32, length: Int)? {
        guard position < bytes.count else { return nil }
        let lead = bytes[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard position + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[position + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        if (length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF))
            || (value >= 0xD800 && value <= 0xDFFF) {
            return nil
        }
        return (value, length)
    }
}
