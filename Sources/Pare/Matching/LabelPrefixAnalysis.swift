/// Works out, from a pattern's source, how the text of every line it can match
/// begins, across words: "privacy policy", "privacy" then the end of the line,
/// "o" then "privacy". The second narrowing of ``FirstWordDispatch`` (see
/// ``LabelPrefixFilter``).
///
/// ``LeadingWordAnalysis`` keys a pattern by the first four letters of its first word,
/// so a line that begins with "Privacy is a right" or "View the full report" tries
/// every pattern with a label that begins so ("Privacy Policy", "View all", "View
/// cart"): on the development set, nine PCRE2 calls in ten fail after the first word.
/// This analysis reads further: the whole first word, the separator after it, the
/// words after that, up to ``maximumTokens``.
///
/// A beginning is a sequence of tokens: folded characters (``CaseFolding``) of the
/// words, ``digits`` for a run of decimal digits (so that `\d+` and `\d{1,2}` are
/// read too), ``separator`` for any run of non-word characters between two words, and
/// ``end`` for the end of the line (with any non-word characters before it). A line's
/// text read the same way (``LabelPrefixFilter``) starts with one of a pattern's
/// beginnings whenever the pattern matches the line. Like ``LeadingWordAnalysis``, the
/// analysis is conservative: anything it does not understand gives nil, and then the
/// pattern is narrowed by its first word alone.
enum LabelPrefixAnalysis {
    /// Most tokens of a beginning: two short words, or the first word and the start of
    /// the next. Over the dev set 12 saved no more PCRE2 work than 8 and cost 38 M
    /// instructions more at start-up; 6 lost a tenth of the saving. (At most 15: a
    /// ``Key`` holds 16.)
    static let maximumTokens = 8
    /// Most beginnings of one pattern: past it (optional parts multiply them) the
    /// pattern is narrowed by its first word alone.
    static let maximumBeginnings = 4_096

    /// The token for a run of non-word characters between two words. Not a scalar value.
    static let separator: UInt32 = 0xFFFF_FFF0
    /// The token for the end of the line. Not a scalar value.
    static let end: UInt32 = 0xFFFF_FFF1
    /// The token for a run of decimal digits (any script, as PCRE2's `\d` under UCP):
    /// "1", "12" and "2025" read alike. Not a scalar value.
    static let digits: UInt32 = 0xFFFF_FFF2

    /// A beginning: up to ``maximumTokens`` tokens, and whether the pattern's match may
    /// go on after them (a prefix of the line's tokens) or must end there (``end``
    /// is then its last token; a line matches it only if its tokens are exactly these).
    struct Key: Hashable, Sendable {
        private(set) var tokens = SIMD16<UInt32>()
        private(set) var count = 0

        var last: UInt32? { count == 0 ? nil : tokens[count - 1] }
        var first: UInt32? { count == 0 ? nil : tokens[0] }

        /// This key with `token` after it; a separator after a separator is one
        /// separator, digits after digits one run of digits, and a separator before
        /// the end is the end (a line's trailing non-word characters are part of its
        /// end).
        func appending(_ token: UInt32) -> Key {
            var key = self
            if (token == LabelPrefixAnalysis.separator || token == LabelPrefixAnalysis.digits) && key.last == token {
                return key
            }
            if token == LabelPrefixAnalysis.end && key.last == LabelPrefixAnalysis.separator {
                key.tokens[key.count - 1] = token
                return key
            }
            key.tokens[key.count] = token
            key.count += 1
            return key
        }

        /// The hash of the tokens: a chain of ``LabelPrefixAnalysis/hashStep(_:_:)``, as
        /// ``LabelPrefixFilter`` works it out along a line.
        var hash: UInt64 {
            var h = LabelPrefixAnalysis.hashBasis
            for i in 0..<count { h = LabelPrefixAnalysis.hashStep(h, tokens[i]) }
            return h
        }
    }

    static let hashBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    /// One step of the hash of a token sequence (FNV-1a over 32-bit tokens, kept below
    /// `UInt64.max`, which ``PatternSetTable`` reserves). A collision can only make a
    /// line a candidate for one more pattern, never hide one.
    @inline(__always)
    static func hashStep(_ hash: UInt64, _ token: UInt32) -> UInt64 {
        ((hash ^ UInt64(token)) &* 0x0000_0100_0000_01B3) & ~(1 << 63)
    }

    /// Whether a line-side reading takes `scalar` as a word character (true), a
    /// non-word character (false), or cannot tell (nil): the same split as
    /// ``FirstWordDispatch``, so that pattern and line agree.
    @inline(__always)
    static func isWordCharacter(_ value: UInt32) -> Bool? {
        if value < 0x80 { return WordScanner.isASCIIWordByte(UInt8(value)) }
        if CaseFolding.isNonWord(value) { return false }
        return CaseFolding.isWordCharacter(value) ? true : nil
    }

    /// The beginnings of every line `pattern` can match, as their ``Key/hash``es; nil
    /// when the analysis cannot tell (the pattern is not anchored at the line start,
    /// begins with something other than a word or a number, or holds a construct the
    /// parser does not read).
    static func beginnings(of pattern: String) -> Set<UInt64>? {
        PatternSyntax.parse(pattern).flatMap(beginnings(of:))
    }

    /// ``beginnings(of:)-(String)`` of a parsed pattern.
    static func beginnings(of items: [PatternSyntax.Item]) -> Set<UInt64>? {
        guard let first = items.first, case .anchorStart = first.atom else { return nil }
        var walk = Walk()
        guard walk.read(items[1...], then: .end, key: Key()), !walk.keys.isEmpty else { return nil }
        return walk.keys
    }

    /// Most steps of one pattern's walk: optional items that add no token (a `\s*`
    /// after a `\W*`) multiply the paths without adding beginnings.
    static let maximumSteps = 6_000

    private struct Walk {
        /// The beginnings found, by ``Key/hash``: all the dispatch needs of them.
        var keys = Set<UInt64>()
        var steps = 0

        /// Adds a finished beginning; false when there are too many.
        private mutating func finish(_ key: Key) -> Bool {
            // A beginning that ends before any word would key nothing.
            guard key.count > 0, key.first != LabelPrefixAnalysis.end else { return false }
            keys.insert(key.hash)
            if key.last == LabelPrefixAnalysis.separator {
                // The line may end where the pattern's match stops: the line's last
                // non-word characters are then read as the end, not a separator.
                keys.insert(key.appending(LabelPrefixAnalysis.end).hash)
            }
            return keys.count <= LabelPrefixAnalysis.maximumBeginnings
        }

        /// Reads `items`, then `tail`, after `key`; false when the pattern cannot be
        /// keyed (``keys`` is then to be dropped).
        mutating func read(_ items: ArraySlice<PatternSyntax.Item>, then tail: PatternSyntax.Tail, key: Key) -> Bool {
            steps += 1
            guard steps <= LabelPrefixAnalysis.maximumSteps else { return false }
            if key.count >= LabelPrefixAnalysis.maximumTokens { return finish(key) }
            guard let item = items.first else {
                if case .then(let next, let outer) = tail { return read(next, then: outer, key: key) }
                // The pattern ends: the line may go on.
                return finish(key)
            }
            let rest = items.dropFirst()
            switch item.atom {
            case .zeroWidth, .lookahead:
                return read(rest, then: tail, key: key)
            case .anchorStart:
                return key.count == 0 && read(rest, then: tail, key: key)
            case .anchorEnd:
                guard key.count > 0 else { return false }
                return finish(key.appending(LabelPrefixAnalysis.end))
            case .nonWordRun:
                return nonWord(item, rest, tail, key)
            case .digit:
                if item.minimum == 0 {
                    guard read(rest, then: tail, key: key) else { return false }
                }
                // However often it repeats, one run of digits.
                return read(rest, then: tail, key: key.appending(LabelPrefixAnalysis.digits))
            case .other:
                // A class or escape: the literal beginning ends here.
                return finish(key)
            case .literalClass(let listed):
                var group = item
                group.atom = .group(listed.map { [PatternSyntax.Item(atom: .literal($0))] })
                return read([group][...], then: .then(rest, tail), key: key)
            case .literal(let scalar):
                // A character a line's reading cannot class (a mark) ends the beginning:
                // such a line is not narrowed at all.
                guard let isWord = LabelPrefixAnalysis.isWordCharacter(scalar.value) else { return finish(key) }
                if !isWord { return nonWord(item, rest, tail, key) }
                if item.minimum == 0 {
                    guard read(rest, then: tail, key: key) else { return false }
                }
                if CaseFolding.isDecimalDigit(scalar.value) {
                    return read(rest, then: tail, key: key.appending(LabelPrefixAnalysis.digits))
                }
                // A character without a simple fold cannot be keyed: the beginning
                // stops before it (a shorter beginning is still a true one).
                guard let folded = CaseFolding.fold(scalar.value) else { return finish(key) }
                let once = key.appending(folded)
                // Repeated: what follows depends on how often; stop after one.
                guard item.maximum == 1 else { return finish(once) }
                return read(rest, then: tail, key: once)
            case .group(let alternatives):
                if item.minimum == 0 {
                    guard read(rest, then: tail, key: key) else { return false }
                }
                // Matched once, the group is followed by the rest; repeated, the
                // beginning stops after its first pass.
                let after: PatternSyntax.Tail = item.maximum == 1 ? .then(rest, tail) : .end
                for alternative in alternatives {
                    guard read(alternative[...], then: after, key: key) else { return false }
                }
                return true
            }
        }

        /// A non-word item (a run of `\W` or `\s`, a listed class of non-word
        /// characters, a punctuation character): nothing before the first word (a line
        /// is read from its first word), a separator after it.
        private mutating func nonWord(_ item: PatternSyntax.Item, _ rest: ArraySlice<PatternSyntax.Item>,
                                      _ tail: PatternSyntax.Tail, _ key: Key) -> Bool {
            if key.count == 0 { return read(rest, then: tail, key: key) }
            if item.minimum == 0 {
                // Absent, the words on both sides join.
                guard read(rest, then: tail, key: key) else { return false }
            }
            return read(rest, then: tail, key: key.appending(LabelPrefixAnalysis.separator))
        }
    }
}
