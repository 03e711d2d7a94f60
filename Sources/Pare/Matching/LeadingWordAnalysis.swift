/// Works out, from a pattern's source, how the first word of every line it can match
/// begins: the basis of ``FirstWordDispatch``.
///
/// Most rules are line-shaped: `^\W*(?:advertisement|sponsored|…)\W*$`. Such a
/// pattern can only match a line whose first word (the first run of word characters
/// after leading non-word characters) starts with one of its alternatives. This
/// analysis finds those beginnings, folded to lower case and cut to four characters,
/// so that a line can be sent only to the rules whose beginnings it has.
///
/// The analysis is conservative: any construct it does not fully understand makes the
/// answer nil ("could match any line"), never a wrong set. It understands a leading
/// `^`, leading runs of `\W` or `\s`, literal characters, escaped punctuation,
/// `(?:…|…)` and `(…)` groups with `?`, `*`, `+` and `{m,n}`, `\b`, and lookarounds
/// (skipped). Character classes, `.`, `\d`, `\w` and the like end a beginning; a
/// beginning that would be empty, or that does not start with a letter or digit,
/// gives nil.
enum LeadingWordAnalysis {
    /// How many characters of a beginning are kept: four tell label words apart from
    /// the common words they share three letters with ("priv" from "pric" and "prin",
    /// "cook" from "coor"; with three, the rules made 10 % more PCRE2 calls on the
    /// development set, and a rules-only run took 9 % longer), and a short fixed
    /// length keeps the set small and the lookup cheap.
    static let keyLength = 4

    /// The one-character key of a word that begins with any decimal digit (`\d`); not
    /// a Unicode scalar value, so it cannot collide with a letter.
    static let digitKey: UInt32 = 0xFFFF_FFFE

    /// Ends a key whose word ends there: `[c1, …, ck, wordEndMarker]` (k below
    /// ``keyLength``) is the beginning of a match whose first word is exactly
    /// `c1…ck`, as in `^\W*(?:o\s+)?privacy` (the word "o", not "our" or "other").
    /// Not a scalar value.
    static let wordEndMarker: UInt32 = 0xFFFF_FFFC

    /// Marks a two-element key `[symbolMarker, c]`: the match begins with the non-word
    /// character `c`, which then lies in the line's leading run of non-word characters
    /// (everything before it was consumed by `\W*` and the like). Not a scalar value.
    static let symbolMarker: UInt32 = 0xFFFF_FFFD

    /// The possible beginnings of a match's first word, each one to four characters,
    /// folded with ``CaseFolding``; nil when the pattern may match a line that begins
    /// otherwise (or when the analysis cannot tell).
    static func beginnings(of pattern: String) -> Set<[UInt32]>? {
        PatternSyntax.parse(pattern).flatMap(beginnings(of:))
    }

    /// ``beginnings(of:)-(String)`` of a parsed pattern.
    static func beginnings(of items: [PatternSyntax.Item]) -> Set<[UInt32]>? {
        // Anchored at the start of the line, then any run of non-word characters.
        var index = 0
        guard index < items.count, case .anchorStart = items[index].atom else { return nil }
        index += 1
        while index < items.count {
            switch items[index].atom {
            case .zeroWidth, .lookahead:
                index += 1
                continue
            case .nonWordRun:
                index += 1
                continue
            default:
                break
            }
            break
        }
        var keys = Set<Key>()
        guard prefixes(items[index...], then: .end, accumulated: Key(), into: &keys) else { return nil }
        let found = keys.map(\.values)
        var result = Set<[UInt32]>()
        for prefix in found {
            if prefix == [digitKey] {
                result.insert(prefix)
                continue
            }
            if prefix.first == symbolMarker {
                // Caseless matching also takes the symbol's other cases (Ⓒ and ⓒ).
                guard let symbol = Unicode.Scalar(prefix[1]), let variants = caseVariants(of: symbol) else { return nil }
                for variant in variants { result.insert([symbolMarker, variant.value]) }
                continue
            }
            guard let first = prefix.first.flatMap(Unicode.Scalar.init), CaseFolding.isWordStart(first) else { return nil }
            var key: [UInt32] = []
            for value in prefix.prefix(keyLength) {
                // The key ends where the word does; when the word surely ends there
                // (a non-word character or the end of the line follows), a short key
                // says so, and only a line whose first word is just that matches it.
                guard let scalar = Unicode.Scalar(value), CaseFolding.isWordStart(scalar) else {
                    if value == wordEndMarker || CaseFolding.isNonWord(value) { key.append(wordEndMarker) }
                    break
                }
                // A character without a simple case pair cannot be keyed reliably: the
                // key stops before it (a shorter key is still a true beginning), and a
                // word that starts with one cannot be keyed at all.
                guard let folded = CaseFolding.fold(scalar) else {
                    if key.isEmpty { return nil }
                    break
                }
                // A character above U+FFFF ends the key (after it, if it is the first):
                // ``FirstWordDispatch`` packs a key 16 bits a character.
                if folded >= 0x10000 && !key.isEmpty { break }
                key.append(folded)
                if folded >= 0x10000 { break }
            }
            result.insert(key)
        }
        return result.isEmpty ? nil : result
    }

    /// `scalar` and its simple case partners; nil if a partner is not one scalar.
    private static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        guard scalar.properties.changesWhenCaseMapped else { return [scalar] }
        var variants: Set<Unicode.Scalar> = [scalar]
        for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping,
                        scalar.properties.titlecaseMapping] {
            let scalars = Array(mapping.unicodeScalars)
            guard scalars.count == 1 else { return nil }
            variants.insert(scalars[0])
        }
        // Partners of partners (a three-way case set) are not handled: refuse them.
        for variant in variants where variant != scalar {
            let back = Array(variant.properties.lowercaseMapping.unicodeScalars) + Array(variant.properties.uppercaseMapping.unicodeScalars)
            guard back.allSatisfy(variants.contains) else { return nil }
        }
        return Array(variants)
    }

    /// A beginning being built: up to ``keyLength`` characters and a marker, in a
    /// fixed-size value (the walk below makes one per alternative and character).
    struct Key: Hashable {
        private var storage = SIMD8<UInt32>()
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        func appending(_ value: UInt32) -> Key {
            var key = self
            key.storage[count] = value
            key.count += 1
            return key
        }

        var values: [UInt32] { (0..<count).map { storage[$0] } }
    }

    /// Adds to `result` the literal beginnings (up to ``keyLength`` characters) of
    /// what `items`, then `tail`, can match, prefixed by `accumulated`; false if some
    /// match may begin with a non-literal (`result` is then to be dropped).
    ///
    /// Adds to one set and takes slices, so that stepping to the rest of the sequence
    /// copies nothing: this walk over every pattern is a large part of Pare's start-up.
    private static func prefixes(_ items: ArraySlice<PatternSyntax.Item>, then tail: PatternSyntax.Tail, accumulated: Key,
                                 into result: inout Set<Key>) -> Bool {
        if accumulated.count >= keyLength {
            result.insert(accumulated)
            return true
        }
        guard let item = items.first else {
            if case .then(let next, let outer) = tail {
                return prefixes(next, then: outer, accumulated: accumulated, into: &result)
            }
            guard !accumulated.isEmpty else { return false }
            result.insert(accumulated)
            return true
        }
        let rest = items.dropFirst()
        switch item.atom {
        case .zeroWidth, .lookahead, .anchorStart:
            return prefixes(rest, then: tail, accumulated: accumulated, into: &result)
        case .anchorEnd:
            guard !accumulated.isEmpty else { return false }
            result.insert(accumulated.appending(wordEndMarker))
            return true
        case .nonWordRun where item.minimum > 0:
            // At least one non-word character: the word ends here.
            guard !accumulated.isEmpty else { return false }
            result.insert(accumulated.appending(wordEndMarker))
            return true
        case .other, .nonWordRun:
            // A class or escape: the literal beginning ends here.
            guard !accumulated.isEmpty else { return false }
            result.insert(accumulated)
            return true
        case .digit:
            // `\d` (any decimal digit, in any script under UCP) at the start of a word
            // is keyed by ``digitKey``, which every line starting with a digit looks up.
            guard accumulated.isEmpty else {
                result.insert(accumulated)
                return true
            }
            result.insert(Key().appending(digitKey))
            return item.minimum > 0 || prefixes(rest, then: tail, accumulated: accumulated, into: &result)
        case .literalClass(let listed):
            // One of the listed characters: as a group of one-character alternatives.
            var group = item
            group.atom = .group(listed.map { [PatternSyntax.Item(atom: .literal($0))] })
            return prefixes([group][...], then: .then(rest, tail), accumulated: accumulated, into: &result)
        case .literal(let scalar) where accumulated.isEmpty && !CaseFolding.isWordStart(scalar):
            // The match begins with a non-word character: keyed by that symbol, or,
            // better, by the words after it. A line's first word is found by skipping
            // every non-word character before it, so when the pattern puts only
            // non-word characters between this one and its first word ("* Home",
            // `[*•]\s+(?:home|blog)`), that word begins the line's first word too, and
            // lines led by the same bullet but another word are not candidates.
            var words = Set<Key>()
            if item.maximum == 1, CaseFolding.isNonWord(scalar.value), wordPrefixes(after: rest, then: tail, into: &words) {
                result.formUnion(words)
            } else {
                result.insert(Key().appending(symbolMarker).appending(scalar.value))
            }
            return item.minimum > 0 || prefixes(rest, then: tail, accumulated: accumulated, into: &result)
        case .literal(let scalar):
            if item.minimum == 0 {
                guard prefixes(rest, then: tail, accumulated: accumulated, into: &result) else { return false }
            }
            let once = accumulated.appending(scalar.value)
            guard item.maximum == 1 else {
                // Repeated: what follows depends on how often; stop here.
                result.insert(once)
                return true
            }
            return prefixes(rest, then: tail, accumulated: once, into: &result)
        case .group(let alternatives):
            if item.minimum == 0 {
                guard prefixes(rest, then: tail, accumulated: accumulated, into: &result) else { return false }
            }
            // Matched once, the group is followed by the rest; repeated, the
            // beginning stops after its first pass.
            let after: PatternSyntax.Tail = item.maximum == 1 ? .then(rest, tail) : .end
            for alternative in alternatives {
                guard prefixes(alternative[...], then: after, accumulated: accumulated, into: &result) else { return false }
            }
            return true
        }
    }

    /// Adds the beginnings of the first word after `items`' (then `tail`'s) leading
    /// non-word runs (`\s+`, `\W*`) and zero-width items; false when they hold no word
    /// to key by, or one that cannot be keyed.
    private static func wordPrefixes(after items: ArraySlice<PatternSyntax.Item>, then tail: PatternSyntax.Tail,
                                     into result: inout Set<Key>) -> Bool {
        var rest = items
        var tail = tail
        while true {
            guard let item = rest.first else {
                guard case .then(let next, let outer) = tail else { return false }
                (rest, tail) = (next, outer)
                continue
            }
            switch item.atom {
            case .nonWordRun, .zeroWidth: rest = rest.dropFirst()
            default:
                return prefixes(rest, then: tail, accumulated: Key(), into: &result)
            }
        }
    }
}
