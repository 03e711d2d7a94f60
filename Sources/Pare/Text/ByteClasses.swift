/// Byte-level character classes for the hot path (ASCII only; every non-ASCII byte
/// counts as part of a word, which is right for UTF-8 letters).
enum ByteClasses {
    @inline(__always)
    static func isHorizontalSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Number of white-space separated words in `bytes[range]`.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var words = 0
        var inWord = false
        for i in range {
            let space = isSpace(bytes[i])
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words
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

    /// Whether `bytes[range]` holds only white space.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for i in range where !isSpace(bytes[i]) { return false }
        return true
    }

    /// Count of bytes in `bytes[range]` that are not white space.
    static func contentBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // Branch-free, so that the compiler can count many bytes at a time: the tail
        // cut counts every kept line of every page.
        var spaces = 0
        for i in range {
            let b = bytes[i]
            spaces &+= Int((b == 0x20 ? 1 : 0) as UInt8 | ((b &- 0x09) <= 4 ? 1 : 0))
        }
        return range.count - spaces
    }
}
