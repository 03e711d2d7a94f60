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
            // Fast scan: find the first byte that might need rewriting.
            var first = -1
            var i = 0
            while i < n {
                let b = src[i]
                if b == 0x0D || b == 0xC2 || b == 0xE2 || b == 0xE3 || (b == 0xEF && i == 0) {
                    if replacement(src, at: i) != nil { first = i; break }
                }
                i += 1
            }
            if first < 0 { return nil }

            var out = [UInt8]()
            out.reserveCapacity(n)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: src[0..<first]))
            i = first
            while i < n {
                let b = src[i]
                if b == 0x0D || b == 0xC2 || b == 0xE2 || b == 0xE3 || (b == 0xEF && i == 0),
                   let (consumed, byte) = replacement(src, at: i) {
                    if let byte { out.append(byte) }
                    i += consumed
                } else {
                    out.append(b)
                    i += 1
                }
            }
            return out
        }
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
