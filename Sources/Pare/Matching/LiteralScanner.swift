/// Tells whether a line may contain one of a set of literals, as PCRE2 would find them
/// with a pattern's options, by reading its UTF-8 bytes: the line-wide literal
/// prefilter of ``LineRuleStage``.
///
/// It is a superset test: it answers true for every line in which PCRE2 finds one of
/// the literals, and sometimes for a line in which it would not; callers then try
/// the patterns, which decide. That leaves room to match characters loosely where
/// their caseless variants are not known here:
///
/// - ASCII letters match both cases; `k` and `s` also match the Kelvin sign and the
///   long s, their only non-ASCII variants in PCRE2's caseless matching.
/// - A non-ASCII character without case (`©`, `•`, CJK) matches its own bytes.
/// - Any other non-ASCII character (`é`, `з`) matches any non-ASCII character: its
///   variants (including rare ones such as U+1C80 for `в`) are never ASCII.
///
/// Without the caseless option every character matches its own bytes only.
///
/// Reading is two loads per byte: the pair of bytes there, and its entry in a 64 KB
/// table of byte pairs, one rare pair (the anchor) of each literal. Only where a pair
/// is in it are the literals whose anchor begins with its first byte tried, forwards
/// and backwards from there. That is several times cheaper than the JIT-compiled
/// alternation of the literals, which reads every byte of most lines too.
struct LiteralScanner: Sendable {
    /// One character of a literal (or one byte of it), as bytes it accepts. A plain
    /// value: the verification loop copies no reference.
    private struct Step: Sendable {
        enum Kind: UInt8, Sendable {
            /// Exactly ``Step/value`` (a byte of a character matched as written).
            case byte
            /// The ASCII letter ``Step/value`` (lower case) in either case.
            case letter
            /// The ASCII letter ``Step/value`` in either case, or the non-ASCII letter
            /// PCRE2 pairs with it: ``Step/sign``, `signCount` bytes (two or three).
            case letterOrSign
            /// Any non-ASCII character: a lead byte and its continuation bytes.
            case nonASCII
        }
        var kind: Kind
        var value: UInt8 = 0
        var sign: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var signCount = 0

        /// The bytes the step's match can begin with.
        var firstBytes: [UInt8] {
            switch kind {
            case .byte: return [value]
            case .letter: return [value, value - 0x20]
            case .letterOrSign: return [value, value - 0x20, sign.0]
            case .nonASCII: return Array(0xC0...0xFF)
            }
        }
    }

    /// The non-ASCII letter PCRE2 matches caselessly with an ASCII letter (lower
    /// case), as UTF-8: the Kelvin sign with `k`, the long s with `s`; nil for the
    /// others. ``LiteralScannerTests`` checks with PCRE2 that there are no more.
    static func sign(ofASCIILetter letter: UInt8) -> [UInt8]? {
        switch letter {
        case UInt8(ascii: "k"): return [0xE2, 0x84, 0xAA]
        case UInt8(ascii: "s"): return [0xC5, 0xBF]
        default: return nil
        }
    }

    /// The ASCII letter (lower case) PCRE2 pairs with a non-ASCII `scalar`, if any:
    /// the inverse of ``sign(ofASCIILetter:)``.
    static func asciiLetter(ofSign scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x212A: return UInt8(ascii: "k")
        case 0x17F: return UInt8(ascii: "s")
        default: return nil
        }
    }

    /// Every literal's steps, one after another.
    private let steps: [Step]
    /// Where each literal's steps begin in ``steps``; one more entry, the end.
    private let literalStarts: [Int]
    /// The step of each literal whose first two bytes the table holds (see
    /// ``anchor(of:)``).
    private let anchors: [Int]
    /// For each byte, where the literals whose anchor can begin with it begin in
    /// ``literalsByFirstByte``; one more entry, the end.
    private let firstByteStarts: [Int]
    /// The literals (their numbers) each byte can begin the anchor of, grouped by
    /// that byte.
    private let literalsByFirstByte: [Int]
    private let tables: Tables

    /// The per-byte tables, in memory of their own: read through plain pointers, a
    /// line's scan takes no array apart.
    private final class Tables: @unchecked Sendable {
        // @unchecked: written in init only, then read-only.
        /// For each pair of bytes (first byte + 256 × second, as a little-endian load
        /// reads them): 1 when a literal's anchor can begin with that pair, else 0.
        let pairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 65536)
        /// For each byte: 1 when a literal matches that byte alone (a line's last
        /// byte begins no pair), else 0.
        let singles = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)

        init() {
            pairs.initialize(repeating: 0, count: 65536)
            singles.initialize(repeating: 0, count: 256)
        }

        deinit {
            pairs.deallocate()
            singles.deallocate()
        }
    }

    /// A scanner for `literals`, each a string of Unicode scalars, found with
    /// `options`; nil when one is empty (every line would contain it).
    init?(literals: [[Unicode.Scalar]], options: PatternOptions) {
        var steps: [Step] = []
        var literalStarts: [Int] = []
        var anchors: [Int] = []
        var byFirstByte = [[Int]](repeating: [], count: 256)
        let tables = Tables()
        for literal in literals {
            let literalSteps = literal.flatMap { Self.steps(for: $0, caseless: options.caseless) }
            guard !literalSteps.isEmpty else { return nil }
            let number = literalStarts.count
            let anchor = Self.anchor(of: literalSteps)
            literalStarts.append(steps.count)
            anchors.append(anchor)
            steps += literalSteps
            for byte in Set(literalSteps[anchor].firstBytes) { byFirstByte[Int(byte)].append(number) }
            for pairs in Self.leadingPairs(literalSteps[anchor...]) {
                for byte0 in pairs.first {
                    for byte1 in pairs.second { tables.pairs[Int(byte0) | Int(byte1) << 8] = 1 }
                }
            }
            if literalSteps.count == 1 && literalSteps[0].kind != .nonASCII {
                // (A sign is longer than one byte; so is the character of a byte step
                // at or above 0x80, which is never alone.)
                for byte in literalSteps[0].firstBytes where byte < 0x80 { tables.singles[Int(byte)] = 1 }
            }
        }
        literalStarts.append(steps.count)
        self.steps = steps
        self.literalStarts = literalStarts
        self.anchors = anchors
        self.firstByteStarts = byFirstByte.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        self.literalsByFirstByte = byFirstByte.flatMap { $0 }
        self.tables = tables
    }

    /// The steps that match `scalar` the way PCRE2 does, or more loosely.
    private static func steps(for scalar: Unicode.Scalar, caseless: Bool) -> [Step] {
        let bytes = Array(String(scalar).utf8)
        guard caseless else { return bytes.map { Step(kind: .byte, value: $0) } }
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            let lower = byte | 0x20
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) else { return [Step(kind: .byte, value: byte)] }
            if let sign = sign(ofASCIILetter: lower) {
                return [Step(kind: .letterOrSign, value: lower, sign: (sign[0], sign[1], sign.count > 2 ? sign[2] : 0),
                             signCount: sign.count)]
            }
            return [Step(kind: .letter, value: lower)]
        }
        if let letter = asciiLetter(ofSign: scalar) {
            // The Kelvin sign or the long s: as its ASCII letter.
            return steps(for: Unicode.Scalar(letter), caseless: true)
        }
        let properties = scalar.properties
        if !properties.changesWhenCaseMapped && !properties.changesWhenCaseFolded {
            return bytes.map { Step(kind: .byte, value: $0) }
        }
        return [Step(kind: .nonASCII)]
    }

    /// The step whose first two bytes (those of its match and the next) are rarest in
    /// text, by a rough estimate: the scan stops at every pair in the table, and for
    /// `reserved` "rv" stops far less often than "re". Ties go to the later step
    /// (for `•`, E2 80 A2, the pair 80 A2 is rarer than E2 80, which begins all
    /// curly quotes and dashes).
    private static func anchor(of steps: [Step]) -> Int {
        guard steps.count > 1 else { return 0 }
        var best = 0
        var bestWeight = Double.infinity
        for k in 0..<(steps.count - 1) {
            let weight = leadingPairs(steps[k...]).reduce(0.0) { total, pairs in
                total + pairs.first.reduce(0) { $0 + frequency($1) } * pairs.second.reduce(0) { $0 + frequency($1) }
            }
            if weight <= bestWeight {
                best = k
                bestWeight = weight
            }
        }
        return best
    }

    /// How often a byte occurs in text, roughly (English letter frequencies; capitals
    /// a tenth of them).
    private static func frequency(_ byte: UInt8) -> Double {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            return letterFrequencies[Int(byte - UInt8(ascii: "a"))]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return letterFrequencies[Int(byte - UInt8(ascii: "A"))] / 10
        case UInt8(ascii: " "): return 18
        default: return 0.5
        }
    }

    /// Percent of letters, a to z, in English text.
    private static let letterFrequencies: [Double] = [
        8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.2, 0.8, 4.0, 2.4,
        6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.2, 2.0, 0.1,
    ]

    /// The first two bytes of every match of steps, as groups of first bytes and the
    /// second bytes each may be followed by (for one ASCII character at the end, any
    /// byte: ``Tables/singles`` covers it at a line's end).
    private static func leadingPairs(_ steps: ArraySlice<Step>) -> [(first: [UInt8], second: [UInt8])] {
        let first = steps[steps.startIndex]
        let following: [UInt8] = steps.count > 1 ? steps[steps.startIndex + 1].firstBytes : Array(0...255)
        switch first.kind {
        case .byte, .letter:
            return [(first.firstBytes, following)]
        case .letterOrSign:
            return [([first.value, first.value - 0x20], following), ([first.sign.0], [first.sign.1])]
        case .nonASCII:
            return [(Array(0xC0...0xFF), Array(0x80...0xBF))]
        }
    }

    /// Whether `line` may contain one of the literals: true whenever PCRE2 would find
    /// one in it.
    func mayContain(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress, line.count > 0 else { return false }
        let last = line.count - 1
        let table = tables.pairs
        let raw = UnsafeRawPointer(base)
        @inline(__always) func pair(_ index: Int) -> UInt8 {
            table[Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)))]
        }
        var index = 0
        // Eight pairs at a time, tested together: most blocks begin none.
        while index + 8 <= last {
            let hit = pair(index) | pair(index + 1) | pair(index + 2) | pair(index + 3)
                | pair(index + 4) | pair(index + 5) | pair(index + 6) | pair(index + 7)
            if hit != 0 {
                for start in index..<index + 8 where pair(start) != 0 && literalMatches(in: line, at: start) {
                    return true
                }
            }
            index += 8
        }
        while index < last {
            if pair(index) != 0 && literalMatches(in: line, at: index) { return true }
            index += 1
        }
        return tables.singles[Int(base[last])] != 0
    }

    /// Whether a literal whose anchor begins at `line[start]` matches there.
    @inline(never)
    private func literalMatches(in line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let first = Int(line[start])
        var next = firstByteStarts[first]
        let end = firstByteStarts[first + 1]
        while next < end {
            let literal = literalsByFirstByte[next]
            let anchor = literalStarts[literal] + anchors[literal]
            if matchesForward(steps: anchor..<literalStarts[literal + 1], in: line, at: start),
               matchesBackward(steps: literalStarts[literal]..<anchor, in: line, before: start) {
                return true
            }
            next += 1
        }
        return false
    }

    /// Whether ``steps`` in `range` match `line` from `start` on.
    private func matchesForward(steps range: Range<Int>, in line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start
        for next in range {
            let step = steps[next]
            guard index < line.count else { return false }
            let byte = line[index]
            switch step.kind {
            case .byte:
                guard byte == step.value else { return false }
                index += 1
            case .letter:
                // Only the two cases of a letter differ in bit 5 alone.
                guard byte | 0x20 == step.value else { return false }
                index += 1
            case .letterOrSign:
                if byte | 0x20 == step.value {
                    index += 1
                } else {
                    guard index + step.signCount <= line.count, byte == step.sign.0, line[index + 1] == step.sign.1,
                          step.signCount < 3 || line[index + 2] == step.sign.2 else { return false }
                    index += step.signCount
                }
            case .nonASCII:
                // Valid UTF-8 has at least one continuation byte after a lead byte. A
                // stray continuation byte after the character is taken along: PCRE2
                // matches no character there, so the literal could not go on anyway.
                guard byte >= 0xC0, index + 1 < line.count, line[index + 1] & 0xC0 == 0x80 else { return false }
                index += 2
                while index < line.count && line[index] & 0xC0 == 0x80 { index += 1 }
            }
        }
        return true
    }

    /// Whether ``steps`` in `range` match `line` up to `end`, read backwards.
    private func matchesBackward(steps range: Range<Int>, in line: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var index = end     // one past the byte to read
        for next in range.reversed() {
            let step = steps[next]
            guard index > 0 else { return false }
            let byte = line[index - 1]
            switch step.kind {
            case .byte:
                guard byte == step.value else { return false }
                index -= 1
            case .letter:
                guard byte | 0x20 == step.value else { return false }
                index -= 1
            case .letterOrSign:
                if byte | 0x20 == step.value {
                    index -= 1
                } else {
                    let from = index - step.signCount
                    guard from >= 0, line[from] == step.sign.0, line[from + 1] == step.sign.1,
                          step.signCount < 3 || line[from + 2] == step.sign.2 else { return false }
                    index = from
                }
            case .nonASCII:
                // Continuation bytes back to their lead byte (at least one, as
                // forwards; a valid character's lead byte is never a continuation).
                guard byte & 0xC0 == 0x80 else { return false }
                index -= 1
                while index > 0 && line[index - 1] & 0xC0 == 0x80 { index -= 1 }
                guard index > 0, line[index - 1] >= 0xC0 else { return false }
                index -= 1
            }
        }
        return true
    }
}
