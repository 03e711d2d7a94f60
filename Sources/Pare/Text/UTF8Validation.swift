/// Strict UTF-8 checks for inputs that must be text (rule packs, not documents:
/// documents may hold invalid bytes and pass them through untouched).
enum UTF8Validation {
    /// The 1-based line number of the first invalid UTF-8 sequence, or nil if the
    /// bytes are valid UTF-8.
    static func firstInvalidLine(in bytes: [UInt8]) -> Int? {
        var line = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { return line }
            i += length
        }
        return nil
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0 if it is invalid
    /// (bad lead byte, bad continuation, overlong form, surrogate, beyond U+10FFFF).
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        func cont(_ k: Int) -> UInt8? {
            guard i + k < n else { return nil }
            let c = bytes[i + k]
            return c & 0xC0 == 0x80 ? c : nil
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) != nil ? 2 : 0
        case 0xE0...0xEF:
            guard let b1 = cont(1), cont(2) != nil else { return 0 }
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }   // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogates
            return 3
        case 0xF0...0xF4:
            guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return 0 }
            if b0 == 0xF0 && b1 < 0x90 { return 0 }   // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }  // > U+10FFFF
            return 4
        default:
            return 0
        }
    }
}
