/// Byte-level character classes for the hot path (ASCII only; every non-ASCII byte
/// counts as part of a word, which is right for UTF-8 letters).
enum ByteClasses {
    @inline(__always)
    static func isHorizontalSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The first index at or after `i` (up to `end`) that is not a space (U+0020),
    /// eight bytes at a time: converted pages indent and align with runs of spaces,
    /// a third of their bytes, and the heuristics step over them line by line.
    @inline(__always)
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int, to end: Int) -> Int {
        var i = i
        guard let base = bytes.baseAddress else { return i }   // empty: nothing to skip
        while i &+ 8 <= end
            && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
            i &+= 8
        }
        while i < end && base[i] == 0x20 { i &+= 1 }
        return i
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Whether `b` marks a token as a word: an ASCII letter or digit, or the lead
    /// byte of a character outside the two blocks of marks that lists and menus use,
    /// U+0080–U+00BF (lead byte C2: « » · © °) and U+2000–U+2FFF (lead byte E2:
    /// dashes, bullets, arrows, shapes, dingbats). Continuation bytes decide nothing.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        if b < 0x80 {
            return (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
        }
        return b >= 0xC3 && b != 0xE2
    }

    /// `range` without its trailing spaces and tabs: the line as the renderer prints
    /// it (``Document/renderedBytes()`` drops them), so that rules judge the same text
    /// on the first pass as on a second one over the output.
    @inline(__always)
    static func withoutTrailingSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound && isHorizontalSpace(bytes[end - 1]) { end -= 1 }
        return range.lowerBound..<end
    }

    /// `b` with ASCII capitals made small; every other byte as it is.
    @inline(__always)
    static func asciiLowercased(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Whether `bytes[range]` holds only white space.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for i in range where !isSpace(bytes[i]) { return false }
        return true
    }

    /// Count of bytes in `bytes[range]` that are not white space.
    static func contentBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // Eight bytes at a time in a 64-bit word: the tail cut counts every kept line
        // of every page, and the compiler, left to itself, widened each byte to a
        // 64-bit lane. Only U+0020 is counted in the word; a word with a byte below
        // 0x0E (where tabs and the other control spaces are) is counted byte by byte.
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var i = range.lowerBound
        var spaces = 0
        while i &+ 8 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if (v &- ones &* 0x0E) & ~v & high != 0 {
                for k in i..<(i &+ 8) where isSpace(base[k]) { spaces &+= 1 }
            } else {
                // The high bit of each byte that is not U+0020, exactly.
                let t = v ^ (ones &* 0x20)
                spaces &+= 8 &- ((((t & low) &+ low) | t) & high).nonzeroBitCount
            }
            i &+= 8
        }
        while i < range.upperBound {
            if isSpace(base[i]) { spaces &+= 1 }
            i &+= 1
        }
        return range.count - spaces
    }
}
