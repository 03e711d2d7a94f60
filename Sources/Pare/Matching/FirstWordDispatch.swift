/// Sends each line only to the patterns that can match it, judged by the first three
/// characters of the line's first word.
///
/// Built from the rules' patterns with ``LeadingWordAnalysis``: a line-shaped pattern
/// (`^\W*(?:label|other label)…`) is filed under the beginnings of its labels; any
/// other pattern is tried on every line. On a line, the first word is found (skipping
/// leading punctuation, symbols and spaces), its first characters are folded, and the
/// patterns filed under them are the candidates. When the line's start cannot be read
/// with certainty (invalid UTF-8, a mark, a character without a simple case fold),
/// every pattern is a candidate: narrowing is only ever an optimisation, never a
/// change in what matches.
struct FirstWordDispatch: Sendable {
    /// A set of pattern indices, up to ``PatternSet/capacity`` (past it, see
    /// ``FirstWordDispatch/dispatchedCount``).
    ///
    /// 1,024 bits, so that the default packs (some 450 patterns) and a user's pack or
    /// two are all narrowed. The bits sit in one SIMD vector: a union, a difference or
    /// an intersection test is a few vector instructions, as it was for 256 bits in
    /// four words.
    struct PatternSet: Sendable, Equatable {
        static let capacity = 1_024
        private var words = SIMD16<UInt64>()

        static let all = PatternSet(words: SIMD16(repeating: .max))

        init() {}

        private init(words: SIMD16<UInt64>) { self.words = words }

        /// Word `w` of the set, loaded from memory: a lane picked at run time
        /// (`words[w]`) copies the whole vector to the stack first, on every call.
        /// Past the last word the words repeat, so that an index past the capacity
        /// reads memory of the set's own (``all`` holds every such index).
        @inline(__always)
        private func word(_ w: Int) -> UInt64 {
            withUnsafeBytes(of: words) { $0.load(fromByteOffset: (w & 15) &<< 3, as: UInt64.self) }
        }

        @inline(__always)
        func contains(_ index: Int) -> Bool { (word(index >> 6) >> UInt64(index & 63)) & 1 != 0 }

        /// The smallest index in the set that is `start` or more and below `end` (at
        /// most ``capacity``), or nil: walks the members in order without testing every
        /// index, and reads no word past `end`'s, so that a set of a few hundred
        /// patterns pays nothing for the capacity it leaves unused.
        @inline(__always)
        func first(from start: Int, below end: Int) -> Int? {
            guard start < end else { return nil }
            // One copy of the words to read them by index (see ``word(_:)``), not one
            // per word read.
            return withUnsafeBytes(of: words) { raw in
                var w = start >> 6
                let last = (min(end, Self.capacity) - 1) >> 6
                var bits = raw.load(fromByteOffset: w &<< 3, as: UInt64.self) & (UInt64.max << UInt64(start & 63))
                while true {
                    if bits != 0 {
                        let found = w << 6 | bits.trailingZeroBitCount
                        return found < end ? found : nil
                    }
                    if w == last { return nil }
                    w += 1
                    bits = raw.load(fromByteOffset: w &<< 3, as: UInt64.self)
                }
            }
        }

        mutating func insert(_ index: Int) {
            words[index >> 6] |= UInt64(1) << UInt64(index & 63)
        }

        @inline(__always)
        func union(_ other: PatternSet) -> PatternSet {
            PatternSet(words: words | other.words)
        }

        @inline(__always)
        func subtracting(_ other: PatternSet) -> PatternSet {
            PatternSet(words: words & ~other.words)
        }

        @inline(__always)
        func intersects(_ other: PatternSet) -> Bool {
            // Folded in halves: comparing the vectors lane by lane (`!=`) became a loop
            // through memory, 10 M instructions over the 6 MB benchmark.
            let both = words & other.words
            let half = both.lowHalf | both.highHalf
            let quarter = half.lowHalf | half.highHalf
            let eighth = quarter.lowHalf | quarter.highHalf
            return eighth[0] | eighth[1] != 0
        }
    }

    /// Patterns tried on every line.
    private let always: PatternSet
    /// Patterns filed under the first one to four folded characters of a word.
    /// Keyed by ``pack(_:)``, whose values for keys of different lengths never collide.
    private let byBeginning: PatternSetTable
    /// ASCII symbols that begin some pattern (bit per code point), so that a line's
    /// leading spaces cost no lookup; and whether any non-ASCII symbol does.
    private let asciiSymbols: UInt128
    /// ``asciiSymbols`` in two words: a 128-bit shift is a library call on the hot path.
    private let asciiSymbolsLow: UInt64, asciiSymbolsHigh: UInt64
    private let hasOtherSymbols: Bool
    /// The second narrowing, across words (nil when no pattern has such beginnings).
    private let labels: LabelPrefixFilter?
    /// For each rule, the indices of its patterns.
    let rulePatterns: [PatternSet]
    /// For each rule, the index of its first pattern (a rule's patterns are numbered
    /// consecutively).
    let firstPattern: [Int]
    /// False when there are more patterns than a ``PatternSet`` holds: then
    /// ``candidates(for:)`` is every pattern, and only ``leadingCandidates(for:)``
    /// narrows, among the first ``dispatchedCount``.
    let narrows: Bool
    /// How many patterns, from the first, the sets file: all of them when
    /// ``narrows``, else ``PatternSet/capacity``.
    let dispatchedCount: Int

    /// - Parameter patterns: each rule's pattern sources, in rule order.
    init(patterns: [[String]]) {
        self.init(beginnings: patterns.map { $0.map(LeadingWordAnalysis.beginnings(of:)) },
                  labelBeginnings: patterns.map { $0.map(LabelPrefixAnalysis.beginnings(of:)) })
    }

    /// - Parameter beginnings: for each rule, in rule order, each of its patterns'
    ///   ``LeadingWordAnalysis/beginnings(of:)`` (worked out once per pattern by
    ///   ``RuleMatcher``: the analysis is most of Pare's start-up).
    /// - Parameter labelBeginnings: for each rule, each of its patterns'
    ///   ``LabelPrefixAnalysis/beginnings(of:)``, which narrow the candidates further
    ///   (``LabelPrefixFilter``); nil to narrow by the first word alone.
    init(beginnings: [[Set<[UInt32]>?]], labelBeginnings: [[Set<UInt64>?]]? = nil) {
        let patterns = beginnings
        var always = PatternSet()
        var byBeginning: [UInt64: PatternSet] = [:]
        var asciiSymbols: UInt128 = 0
        var hasOtherSymbols = false
        var rulePatterns: [PatternSet] = []
        var firstPattern: [Int] = []
        var next = 0
        let total = patterns.reduce(0) { $0 + $1.count }
        let narrows = total <= PatternSet.capacity
        for ruleBeginnings in patterns {
            firstPattern.append(next)
            var own = PatternSet()
            for patternBeginnings in ruleBeginnings {
                defer { next += 1 }
                // Past a set's capacity (a user's large pack) the patterns are filed
                // nowhere: the line rules try them on every line, after the others.
                guard next < PatternSet.capacity else { continue }
                own.insert(next)
                guard let keys = patternBeginnings else {
                    always.insert(next)
                    continue
                }
                for key in keys {
                    byBeginning[Self.pack(key), default: PatternSet()].insert(next)
                    if key.first == LeadingWordAnalysis.symbolMarker {
                        if key[1] < 0x80 { asciiSymbols |= 1 << UInt128(key[1]) } else { hasOtherSymbols = true }
                    }
                }
            }
            rulePatterns.append(narrows ? own : .all)
        }
        self.always = always
        self.byBeginning = PatternSetTable(byBeginning)
        self.asciiSymbols = asciiSymbols
        self.asciiSymbolsLow = UInt64(truncatingIfNeeded: asciiSymbols)
        self.asciiSymbolsHigh = UInt64(truncatingIfNeeded: asciiSymbols >> 64)
        self.hasOtherSymbols = hasOtherSymbols
        self.rulePatterns = rulePatterns
        self.firstPattern = firstPattern
        self.narrows = narrows
        self.dispatchedCount = min(total, PatternSet.capacity)
        if let labelBeginnings {
            precondition(labelBeginnings.map(\.count) == patterns.map(\.count), "one entry per pattern")
            // Only patterns filed under their first word are narrowed further: one that
            // every line tries (`always`) stays a candidate of every line.
            let filed = labelBeginnings.joined().enumerated().map { index, beginnings in
                index < PatternSet.capacity && !always.contains(index) ? beginnings : nil
            }
            let filter = LabelPrefixFilter(beginnings: filed)
            self.labels = filter.keyed == PatternSet() ? nil : filter
        } else {
            self.labels = nil
        }
    }

    /// A symbol's key: above every packed word key, whose top 16 bits hold a word
    /// character (never U+FFFF) or nothing.
    @inline(__always)
    private static func symbolKey(_ scalar: UInt32) -> UInt64 {
        0xFFFF << 48 | UInt64(scalar)
    }

    /// Up to four folded characters, 16 bits each (or the digit key, or a symbol key)
    /// in one integer. Only the first character of a key may lie above U+FFFF
    /// (``LeadingWordAnalysis`` ends a key there), so no two keys share a value: a
    /// shorter key's top bits are zero, and no word character is U+0000.
    @inline(__always)
    private static func pack(_ key: [UInt32]) -> UInt64 {
        if key.first == LeadingWordAnalysis.symbolMarker { return symbolKey(key[1]) }
        if key.last == LeadingWordAnalysis.wordEndMarker { return wholeWordKey(pack(Array(key.dropLast()))) }
        var packed: UInt64 = 0
        for value in key { packed = packed << 16 | UInt64(value) }
        return packed
    }

    /// The key of a whole word of one to three characters, packed: its own top 16
    /// bits (zero for such a word, and U+FFFE is no word character).
    @inline(__always)
    private static func wholeWordKey(_ packed: UInt64) -> UInt64 {
        0xFFFE << 48 | packed
    }

    /// The patterns that may match `line`.
    func candidates(for line: UnsafeBufferPointer<UInt8>) -> PatternSet {
        narrows ? leadingCandidates(for: line) : .all
    }

    /// The patterns among the first ``dispatchedCount`` that may match `line`; any
    /// pattern after them may match too.
    @inline(__always)
    func leadingCandidates(for line: UnsafeBufferPointer<UInt8>) -> PatternSet {
        let candidates = firstWordCandidates(for: line)
        guard let labels else { return candidates }
        return labels.narrow(candidates, for: line)
    }

    /// ``leadingCandidates(for:)`` by the line's first characters alone.
    private func firstWordCandidates(for line: UnsafeBufferPointer<UInt8>) -> PatternSet {
        var position = 0
        // Indentation first, in a tight loop: converted pages indent their lines with
        // runs of spaces (15 bytes a line on the dev set), unless some pattern begins
        // with a space.
        if !isASCIISymbolKey(0x20) {
            position = ByteClasses.skipSpaces(line, from: 0, to: line.count)
        }
        // Skip what `\W*` would: ASCII quickly, other characters by category. Symbols
        // in that leading run bring the patterns that begin with them.
        var first: UInt32 = 0
        var result = always
        while true {
            if position < line.count && line[position] < 0x80 {
                // ASCII, the common case, without decoding.
                let scalar = UInt32(line[position])
                position += 1
                if Self.isASCIIWord(scalar) {
                    first = scalar
                    break
                }
                if isASCIISymbolKey(scalar), let found = byBeginning[Self.symbolKey(scalar)] {
                    result = result.union(found)
                }
                continue
            }
            guard let (scalar, length) = UTF8Decoding.scalar(in: line, at: position) else {
                // End of line (no word at all) or invalid UTF-8: PCRE2 cannot match a
                // label there, but only an exact reading may narrow; try everything.
                return position >= line.count ? result : .all
            }
            position += length
            // Not ASCII: an ASCII byte took the branch above.
            if CaseFolding.isNonWord(scalar) {
                if hasOtherSymbols, let found = byBeginning[Self.symbolKey(scalar)] { result = result.union(found) }
                continue
            }
            guard CaseFolding.isWordCharacter(scalar) else { return .all }
            first = scalar
            break
        }
        guard let one = Self.fold(first) else { return .all }
        if let found = byBeginning[UInt64(one)] { result = result.union(found) }
        if CaseFolding.isDecimalDigit(first), let found = byBeginning[UInt64(LeadingWordAnalysis.digitKey)] { result = result.union(found) }
        // Keys end at a character above U+FFFF (see ``pack(_:)``).
        guard one < 0x10000 else { return result }
        var packed = UInt64(one)
        // Where the word ends before its fourth character, the patterns of that
        // whole word join in.
        func wholeWord() -> PatternSet {
            guard let found = byBeginning[Self.wholeWordKey(packed)] else { return result }
            return result.union(found)
        }
        for _ in 2...LeadingWordAnalysis.keyLength {
            guard let (scalar, length) = UTF8Decoding.scalar(in: line, at: position) else {
                return position >= line.count ? wholeWord() : .all
            }
            position += length
            if scalar < 0x80 {
                guard Self.isASCIIWord(scalar) else { return wholeWord() }    // the word ended
            } else if CaseFolding.isNonWord(scalar) {
                return wholeWord()
            } else if !CaseFolding.isWordCharacter(scalar) {
                return .all
            }
            guard let folded = Self.fold(scalar) else { return .all }
            guard folded < 0x10000 else { return result }
            packed = packed << 16 | UInt64(folded)
            if let found = byBeginning[packed] { result = result.union(found) }
        }
        return result
    }

    /// Whether some pattern begins with the ASCII symbol `scalar` (below 0x80).
    @inline(__always)
    private func isASCIISymbolKey(_ scalar: UInt32) -> Bool {
        scalar < 64 ? (asciiSymbolsLow >> UInt64(scalar)) & 1 != 0 : (asciiSymbolsHigh >> UInt64(scalar &- 64)) & 1 != 0
    }

    @inline(__always)
    private static func fold(_ value: UInt32) -> UInt32? {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value + 0x20 : value }
        return CaseFolding.fold(value)
    }

    /// An ASCII letter, digit or underscore: what `\w` takes below 0x80.
    @inline(__always)
    private static func isASCIIWord(_ value: UInt32) -> Bool {
        WordScanner.isASCIIWordByte(UInt8(truncatingIfNeeded: value))
    }
}
