/// Sends each line only to the rules that can match it, judged by the first two
/// characters of the line's first word.
///
/// Built from the rules' patterns with ``LeadingWordAnalysis``: a rule whose every
/// pattern is line-shaped (`^\W*(?:label|other label)…`) is filed under the
/// beginnings of its labels; any other rule is tried on every line. On a line, the
/// first word is found (skipping leading punctuation, symbols and spaces), its first
/// two characters are folded, and the rules filed under them are the candidates.
/// When the line's start cannot be read with certainty (invalid UTF-8, a mark, a
/// character without a simple case fold), every rule is a candidate: narrowing is
/// only ever an optimisation, never a change in what matches.
struct FirstWordDispatch: Sendable {
    /// A set of rule indices (up to 128 rules; more disable narrowing).
    struct RuleSet: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        static let all = RuleSet(low: .max, high: .max)

        @inline(__always)
        func contains(_ index: Int) -> Bool {
            index < 64 ? (low >> UInt64(index)) & 1 != 0 : (high >> UInt64(index - 64)) & 1 != 0
        }

        mutating func insert(_ index: Int) {
            if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
        }

        @inline(__always)
        func union(_ other: RuleSet) -> RuleSet { RuleSet(low: low | other.low, high: high | other.high) }
    }

    /// Rules tried on every line.
    private let always: RuleSet
    /// Rules filed under one character (a label one letter long, or whose second
    /// character the analysis could not pin down).
    private let byFirst: [UInt32: RuleSet]
    /// Rules filed under two characters.
    private let byFirstTwo: [UInt64: RuleSet]
    /// False when there are too many rules to narrow (every rule is tried).
    let narrows: Bool

    /// - Parameter patterns: each rule's pattern sources, in rule order.
    init(patterns: [[String]]) {
        guard patterns.count <= 128 else {
            always = .all
            byFirst = [:]
            byFirstTwo = [:]
            narrows = false
            return
        }
        var always = RuleSet()
        var byFirst: [UInt32: RuleSet] = [:]
        var byFirstTwo: [UInt64: RuleSet] = [:]
        for (index, sources) in patterns.enumerated() {
            var keys = Set<[UInt32]>()
            var analysable = !sources.isEmpty
            for source in sources {
                guard let found = LeadingWordAnalysis.beginnings(of: source) else {
                    analysable = false
                    break
                }
                keys.formUnion(found)
            }
            guard analysable else {
                always.insert(index)
                continue
            }
            for key in keys {
                if key.count == 1 {
                    byFirst[key[0], default: RuleSet()].insert(index)
                } else {
                    byFirstTwo[Self.pair(key[0], key[1]), default: RuleSet()].insert(index)
                }
            }
        }
        self.always = always
        self.byFirst = byFirst
        self.byFirstTwo = byFirstTwo
        self.narrows = true
    }

    @inline(__always)
    private static func pair(_ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(first) << 32 | UInt64(second)
    }

    /// The rules that may match `line`.
    func candidates(for line: UnsafeBufferPointer<UInt8>) -> RuleSet {
        guard narrows else { return .all }
        var position = 0
        // Skip what `\W*` would: ASCII quickly, other characters by category.
        var first: UInt32 = 0
        while true {
            guard let (scalar, length) = Self.decode(line, at: position) else {
                // End of line (no word at all) or invalid UTF-8: PCRE2 cannot match a
                // label there, but only an exact reading may narrow; try everything.
                return position >= line.count ? always : .all
            }
            if scalar < 0x80 {
                if Self.isASCIIWord(scalar) {
                    first = scalar
                    position += length
                    break
                }
                position += length
                continue
            }
            if CaseFolding.isNonWord(scalar) {
                position += length
                continue
            }
            guard CaseFolding.isWordCharacter(scalar) else { return .all }
            first = scalar
            position += length
            break
        }
        guard let foldedFirst = Self.foldASCII(first) ?? CaseFolding.fold(first) else { return .all }
        var result = always
        if let rules = byFirst[foldedFirst] { result = result.union(rules) }
        if Self.isDigit(first), let rules = byFirst[LeadingWordAnalysis.digitKey] { result = result.union(rules) }
        guard let (second, _) = Self.decode(line, at: position) else {
            return position >= line.count ? result : .all
        }
        if second < 0x80 {
            guard Self.isASCIIWord(second) else { return result }      // a one-character word
        } else if CaseFolding.isNonWord(second) {
            return result
        } else if !CaseFolding.isWordCharacter(second) {
            return .all
        }
        guard let foldedSecond = Self.foldASCII(second) ?? CaseFolding.fold(second) else { return .all }
        if let rules = byFirstTwo[Self.pair(foldedFirst, foldedSecond)] { result = result.union(rules) }
        return result
    }

    /// A decimal digit in any script, as PCRE2's `\d` under UCP.
    private static func isDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    @inline(__always)
    private static func isASCIIWord(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            || value == 0x5F
    }

    @inline(__always)
    private static func foldASCII(_ value: UInt32) -> UInt32? {
        guard value < 0x80 else { return nil }
        return value >= 0x41 && value <= 0x5A ? value + 0x20 : value
    }

    /// The scalar at `position` and its length in bytes; nil at the end or on invalid
    /// UTF-8.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int)? {
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
        // Overlong forms and surrogates are invalid UTF-8.
        if (length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF))
            || (value >= 0xD800 && value <= 0xDFFF) {
            return nil
        }
        return (value, length)
    }
}
