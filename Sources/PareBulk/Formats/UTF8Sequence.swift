/// Measures one UTF-8 sequence in place, for the JSON scanner (which must reject
/// invalid text) and the JSON encoder (which must replace it).
enum UTF8Sequence {
    /// Measures the sequence that starts with the non-ASCII byte `p[i]`.
    ///
    /// Invalid sequences are measured as the Unicode standard's "maximal subpart"
    /// (the longest prefix of some valid sequence, at least one byte), which is what
    /// Python's `decode("utf-8", "replace")` turns into one U+FFFD each.
    ///
    /// - Parameters:
    ///   - p: the bytes.
    ///   - i: the index of a byte >= 0x80.
    ///   - n: the number of bytes in `p`.
    /// - Returns: the sequence's length (2...4) if it is valid, or minus the length of
    ///   the invalid part (-1...-3): overlong forms, surrogates, values beyond
    ///   U+10FFFF, stray continuation bytes and truncated sequences are invalid.
    @inline(__always)
    static func measure(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        // The second byte's range excludes overlong forms (E0, F0), surrogates (ED)
        // and values beyond U+10FFFF (F4); later bytes are plain continuations.
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let continuations: Int
        switch b0 {
        case 0xC2...0xDF: continuations = 1
        case 0xE0: continuations = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: continuations = 2
        case 0xED: continuations = 2; high = 0x9F
        case 0xF0: continuations = 3; low = 0x90
        case 0xF1...0xF3: continuations = 3
        case 0xF4: continuations = 3; high = 0x8F
        default: return -1
        }
        guard i + 1 < n, p[i + 1] >= low, p[i + 1] <= high else { return -1 }
        var k = 2
        while k <= continuations {
            guard i + k < n, p[i + k] & 0xC0 == 0x80 else { return -k }
            k += 1
        }
        return continuations + 1
    }

    /// Appends the UTF-8 form of a Unicode scalar value (which must not be a
    /// surrogate and must be at most U+10FFFF).
    @inline(__always)
    static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Appends U+FFFD REPLACEMENT CHARACTER, which stands for invalid bytes and lone
    /// surrogates.
    @inline(__always)
    static func appendReplacement(to output: inout [UInt8]) {
        output.append(0xEF)
        output.append(0xBF)
        output.append(0xBD)
    }
}
