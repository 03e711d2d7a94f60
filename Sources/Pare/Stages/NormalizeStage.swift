/// Rewrites line endings and odd spaces, and nothing else.
///
/// - CRLF and lone CR become LF; U+2028/U+2029 (line and paragraph separators) too.
/// - No-break and typographic spaces (U+00A0, U+2000–U+200A, U+202F, U+205F,
///   U+3000) become an ASCII space, so rules and the tidy stage see one kind of space.
/// - A byte-order mark at the very start is dropped.
///
/// Invalid UTF-8 is copied through byte for byte. Documents that need none of this
/// (the common case) are not copied at all.
struct NormalizeStage: Stage {
    let name = "normalize"

    func apply(to document: inout Document, scratch: MatchScratch) {
        if let normalized = Self.normalize(document.bytes) {
            document.replaceBytes(normalized)
        }
    }

    /// The normalised bytes, or nil when `input` needs no change.
    static func normalize(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { src -> [UInt8]? in
            let n = src.count
            guard let base = src.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            // Built on the first rewrite: a page that needs none is not copied.
            var out: [UInt8]?
            // Bytes before `copied` are in `out` (or need no copy yet).
            var copied = 0
            var i = 0
            while i < n {
                // Every rewritten sequence starts with CR or a byte of 0xC2 and above:
                // eight bytes at a time in a 64-bit word pass over plain ASCII without
                // a CR (most of every page) in a few instructions, and the clean runs
                // are copied whole, not byte by byte.
                while i + 8 <= n,
                      !Self.mayNeedRewriting(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) {
                    i += 8
                }
                guard i < n else { break }
                let b = src[i]
                if b == 0x0D || b == 0xC2 || b == 0xE2 || b == 0xE3 || (b == 0xEF && i == 0),
                   let (consumed, byte) = replacement(src, at: i) {
                    if out == nil {
                        out = []
                        out!.reserveCapacity(n)
                    }
                    out!.append(contentsOf: UnsafeBufferPointer(rebasing: src[copied..<i]))
                    if let byte { out!.append(byte) }
                    i += consumed
                    copied = i
                } else {
                    i += 1
                }
            }
            guard var result = out else { return nil }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: src[copied..<n]))
            return result
        }
    }

    /// Whether one of the eight bytes in `word` is a CR or has its high bit set (the
    /// lead bytes of the rewritten sequences all do): a sure "no" skips the word.
    @inline(__always)
    static func mayNeedRewriting(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        // A zero byte in word ^ 0x0D… marks a CR (the classic has-zero-byte test: it may
        // also flag a byte next to a real hit, never miss one).
        let carriageReturns = word ^ (ones &* 0x0D)
        let hasCR = (carriageReturns &- ones) & ~carriageReturns & high
        return (word & high) | hasCR != 0
    }

    /// If the sequence at `i` is rewritten: how many bytes it spans and the byte that
    /// replaces it (nil: removed).
    private static func replacement(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, UInt8?)? {
        let n = s.count
        switch s[i] {
        case 0x0D:
            return (i + 1 < n && s[i + 1] == 0x0A) ? (2, 0x0A) : (1, 0x0A)
        case 0xC2:
            return (i + 1 < n && s[i + 1] == 0xA0) ? (2, 0x20) : nil
        case 0xE2:
            guard i + 2 < n else { return nil }
            let b1 = s[i + 1], b2 = s[i + 2]
            if b1 == 0x80 {
                if b2 >= 0x80 && b2 <= 0x8A { return (3, 0x20) }   // U+2000–U+200A
                if b2 == 0xAF { return (3, 0x20) }                  // U+202F
                if b2 == 0xA8 || b2 == 0xA9 { return (3, 0x0A) }    // U+2028, U+2029
            } else if b1 == 0x81 && b2 == 0x9F {
                return (3, 0x20)                                    // U+205F
            }
            return nil
        case 0xE3:
            return (i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80) ? (3, 0x20) : nil  // U+3000
        case 0xEF:
            return (i == 0 && n >= 3 && s[1] == 0xBB && s[2] == 0xBF) ? (3, nil) : nil    // BOM
        default:
            return nil
        }
    }
}
