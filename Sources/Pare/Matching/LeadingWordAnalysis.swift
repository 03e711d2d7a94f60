/// Works out, from a pattern's source, how the first word of every line it can match
/// begins: the basis of ``FirstWordDispatch``.
///
/// Most rules are line-shaped: `^\W*(?:advertisement|sponsored|…)\W*$`. Such a
/// pattern can only match a line whose first word (the first run of word characters
/// after leading non-word characters) starts with one of its alternatives. This
/// analysis finds those beginnings, folded to lower case and cut to three characters,
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
    /// How many characters of a beginning are kept: three tell most label words apart
    /// ("con" from "coo" and "cop"), and a short fixed length keeps the set small and
    /// the lookup cheap.
    static let keyLength = 3

    /// The one-character key of a word that begins with any decimal digit (`\d`); not
    /// a Unicode scalar value, so it cannot collide with a letter.
    static let digitKey: UInt32 = 0xFFFF_FFFE

    /// The possible beginnings of a match's first word, each one to three characters,
    /// folded with ``CaseFolding``; nil when the pattern may match a line that begins
    /// otherwise (or when the analysis cannot tell).
    static func beginnings(of pattern: String) -> Set<[UInt32]>? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let items = parser.parseSequence(), parser.atEnd else { return nil }
        // Anchored at the start of the line, then any run of non-word characters.
        var index = 0
        guard index < items.count, case .anchorStart = items[index].atom else { return nil }
        index += 1
        while index < items.count {
            switch items[index].atom {
            case .zeroWidth:
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
        guard let found = prefixes(Array(items[index...]), accumulated: []) else { return nil }
        var result = Set<[UInt32]>()
        for prefix in found {
            if prefix == [digitKey] {
                result.insert(prefix)
                continue
            }
            guard let first = prefix.first.flatMap(Unicode.Scalar.init), CaseFolding.isWordStart(first) else { return nil }
            var key: [UInt32] = []
            for value in prefix.prefix(keyLength) {
                // The key ends where the word does.
                guard let scalar = Unicode.Scalar(value), CaseFolding.isWordStart(scalar) else { break }
                // A character without a simple case pair cannot be keyed reliably.
                guard let folded = CaseFolding.fold(scalar) else { return nil }
                key.append(folded)
            }
            result.insert(key)
        }
        return result.isEmpty ? nil : result
    }

    /// The literal beginnings (up to ``keyLength`` characters) of what `items` can
    /// match, prefixed by `accumulated`; nil if some match may begin with a
    /// non-literal.
    private static func prefixes(_ items: [Item], accumulated: [UInt32]) -> Set<[UInt32]>? {
        if accumulated.count >= keyLength { return [accumulated] }
        guard let item = items.first else {
            return accumulated.isEmpty ? nil : [accumulated]
        }
        let rest = Array(items.dropFirst())
        switch item.atom {
        case .zeroWidth, .anchorStart:
            return prefixes(rest, accumulated: accumulated)
        case .anchorEnd:
            return accumulated.isEmpty ? nil : [accumulated]
        case .other, .nonWordRun:
            // A class or escape: the literal beginning ends here.
            return accumulated.isEmpty ? nil : [accumulated]
        case .digit:
            // `\d` (any decimal digit, in any script under UCP) at the start of a word
            // is keyed by ``digitKey``, which every line starting with a digit looks up.
            guard accumulated.isEmpty else { return [accumulated] }
            var result: Set<[UInt32]> = [[digitKey]]
            if item.minimum == 0 {
                guard let skipped = prefixes(rest, accumulated: accumulated) else { return nil }
                result.formUnion(skipped)
            }
            return result
        case .literal(let scalar):
            var result = Set<[UInt32]>()
            if item.minimum == 0 {
                guard let skipped = prefixes(rest, accumulated: accumulated) else { return nil }
                result.formUnion(skipped)
            }
            let once = accumulated + [scalar.value]
            if item.maximum == 1 {
                guard let more = prefixes(rest, accumulated: once) else { return nil }
                result.formUnion(more)
            } else {
                // Repeated: what follows depends on how often; stop here.
                result.insert(once)
            }
            return result
        case .group(let alternatives):
            var result = Set<[UInt32]>()
            if item.minimum == 0 {
                guard let skipped = prefixes(rest, accumulated: accumulated) else { return nil }
                result.formUnion(skipped)
            }
            for alternative in alternatives {
                // Matched once, the group is followed by the rest; repeated, stop after
                // its first pass.
                let continuation = item.maximum == 1 ? alternative + rest : alternative
                if item.maximum != 1 {
                    guard let found = prefixesStopping(continuation, accumulated: accumulated) else { return nil }
                    result.formUnion(found)
                } else {
                    guard let found = prefixes(continuation, accumulated: accumulated) else { return nil }
                    result.formUnion(found)
                }
            }
            return result
        }
    }

    /// As ``prefixes(_:accumulated:)``, but reaching the end of `items` ends the
    /// beginning rather than the pattern (for one pass of a repeated group).
    private static func prefixesStopping(_ items: [Item], accumulated: [UInt32]) -> Set<[UInt32]>? {
        if items.isEmpty { return accumulated.isEmpty ? nil : [accumulated] }
        return prefixes(items, accumulated: accumulated)
    }

    // MARK: parsing

    fileprivate indirect enum Atom {
        case anchorStart
        case anchorEnd
        /// `\b`, `\B`, lookarounds, inline options: match no characters.
        case zeroWidth
        /// `\W` or `\s`: consumes only non-word characters.
        case nonWordRun
        case literal(Unicode.Scalar)
        case group([[Item]])
        /// `\d`.
        case digit
        /// Anything else that consumes characters.
        case other
    }

    fileprivate struct Item {
        var atom: Atom
        var minimum = 1
        /// `Int.max` for unbounded.
        var maximum = 1
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position == scalars.count }

        private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        /// Alternatives up to `)` or the end; nil on anything not understood.
        mutating func parseAlternatives() -> [[Item]]? {
            var alternatives: [[Item]] = []
            while true {
                guard let sequence = parseSequence() else { return nil }
                alternatives.append(sequence)
                if peek() == "|" {
                    position += 1
                    continue
                }
                return alternatives
            }
        }

        /// Items up to `|`, `)` or the end; at top level a `|` means alternatives,
        /// which the caller reports as not understood by checking `atEnd`.
        mutating func parseSequence() -> [Item]? {
            var items: [Item] = []
            while let scalar = peek(), scalar != "|", scalar != ")" {
                guard var item = parseAtom() else { return nil }
                guard parseQuantifier(into: &item) else { return nil }
                items.append(item)
            }
            return items
        }

        private mutating func parseAtom() -> Item? {
            guard let scalar = peek() else { return nil }
            position += 1
            switch scalar {
            case "^": return Item(atom: .anchorStart)
            case "$": return Item(atom: .anchorEnd)
            case ".": return Item(atom: .other)
            case "[":
                guard let onlyNonWord = skipClass() else { return nil }
                return Item(atom: onlyNonWord ? .nonWordRun : .other)
            case "(":
                return parseGroup()
            case "\\":
                guard let escaped = peek() else { return nil }
                position += 1
                switch escaped {
                case "b", "B", "A", "G": return Item(atom: .zeroWidth)
                case "z", "Z": return Item(atom: .anchorEnd)
                case "W", "s": return Item(atom: .nonWordRun)
                case "d": return Item(atom: .digit)
                case "p", "P", "x", "o", "N", "g", "k", "Q", "E", "K", "c", "R", "X":
                    // Properties, code points, back-references, quoting: not analysed.
                    return nil
                default:
                    if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) {
                        return Item(atom: .other)      // \d, \w, \S, \h, \1, ...
                    }
                    return Item(atom: .literal(escaped))   // \. \- \( ...
                }
            case "*", "+", "?", "{", "|", ")":
                return nil
            default:
                return Item(atom: .literal(scalar))
            }
        }

        private mutating func parseGroup() -> Item? {
            if peek() == "*" { return nil }                 // (*VERB)
            var lookaround = false
            if peek() == "?" {
                switch peek(1) {
                case ":":
                    position += 2
                case "=", "!":
                    position += 2
                    lookaround = true
                case "<" where peek(2) == "=" || peek(2) == "!":
                    position += 3
                    lookaround = true
                default:
                    // Named groups, inline options, conditionals: not analysed.
                    return nil
                }
            }
            guard let alternatives = parseAlternatives(), peek() == ")" else { return nil }
            position += 1
            return lookaround ? Item(atom: .zeroWidth) : Item(atom: .group(alternatives))
        }

        /// Skips a character class; returns whether it lists only characters that are
        /// certainly not word characters (such as `[«←‹<]`), or nil if malformed.
        private mutating func skipClass() -> Bool? {
            var onlyNonWord = true
            if peek() == "^" {
                position += 1
                onlyNonWord = false
            }
            if peek() == "]" { position += 1 }
            while let scalar = peek() {
                position += 1
                if scalar == "\\" {
                    onlyNonWord = false
                    position += 1
                } else if scalar == "[" && peek() == ":" {
                    // POSIX class [:alpha:]
                    onlyNonWord = false
                    while let inner = peek(), inner != "]" { position += 1 }
                    position += 1
                } else if scalar == "]" {
                    return onlyNonWord
                } else if scalar == "-" || !CaseFolding.isNonWord(scalar.value) {
                    // A range, or a character that may be a word character.
                    onlyNonWord = false
                }
            }
            return nil
        }

        /// Reads a quantifier after an atom, if any; false if it is malformed.
        private mutating func parseQuantifier(into item: inout Item) -> Bool {
            guard let scalar = peek() else { return true }
            switch scalar {
            case "?": item.minimum = 0; item.maximum = 1; position += 1
            case "*": item.minimum = 0; item.maximum = Int.max; position += 1
            case "+": item.minimum = 1; item.maximum = Int.max; position += 1
            case "{":
                var cursor = position + 1
                func number() -> Int? {
                    var value: Int?
                    while cursor < scalars.count, let digit = Int(String(scalars[cursor])), ("0"..."9").contains(scalars[cursor]) {
                        value = (value ?? 0) * 10 + digit
                        cursor += 1
                    }
                    return value
                }
                guard let low = number() else { return true }    // a literal "{"
                var high = low
                if cursor < scalars.count && scalars[cursor] == "," {
                    cursor += 1
                    high = number() ?? Int.max
                }
                guard cursor < scalars.count, scalars[cursor] == "}" else { return true }
                position = cursor + 1
                item.minimum = low
                item.maximum = high
            default:
                return true
            }
            // Lazy or possessive forms change nothing here.
            if peek() == "?" || peek() == "+" { position += 1 }
            if case .zeroWidth = item.atom { return true }
            if case .anchorStart = item.atom { return false }
            return true
        }
    }
}
