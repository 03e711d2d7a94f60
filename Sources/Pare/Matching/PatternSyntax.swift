/// The small part of PCRE2's syntax that the pattern analyses read (literals, groups,
/// alternatives, quantifiers, a few escapes and classes), as a tree of items. Anything
/// else makes the parse fail, and the analyses then assume nothing.
enum PatternSyntax {

    /// The items of `pattern`, or nil when it holds something the parser does not read.
    static func parse(_ pattern: String) -> [Item]? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let items = parser.parseSequence(), parser.atEnd else { return nil }
        return items
    }

    enum Atom {
        case anchorStart
        case anchorEnd
        /// `\b`, `\B`, negative lookarounds, lookbehinds: match no characters.
        case zeroWidth
        /// A positive lookahead `(?=…)`: matches no characters, but what it holds must
        /// follow.
        case lookahead([[Item]])
        /// `\W` or `\s`: consumes only non-word characters.
        /// `listed`: the characters of a class made only of them (`[|·•]`), nil for
        /// `\W` and `\s`.
        case nonWordRun(listed: [Unicode.Scalar]?)
        case literal(Unicode.Scalar)
        /// A class that only lists characters, some of them word characters (`[*+•o]`):
        /// one of them.
        case literalClass([Unicode.Scalar])
        case group([[Item]])
        /// `\d`.
        case digit
        /// Anything else that consumes characters.
        case other
    }

    /// What follows the items an analysis is reading: the rest of the enclosing
    /// sequences, each a slice (reading a group's alternative then the items after the
    /// group walks both in place instead of concatenating them).
    indirect enum Tail {
        case end
        case then(ArraySlice<Item>, Tail)
    }

    struct Item {
        var atom: Atom
        var minimum = 1
        /// `Int.max` for unbounded.
        var maximum = 1
    }

    struct Parser {
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
                let start = position
                guard let onlyNonWord = skipClass() else { return nil }
                let listed = Self.listedCharacters(scalars[start..<(position - 1)])
                if onlyNonWord { return Item(atom: .nonWordRun(listed: listed)) }
                if let listed { return Item(atom: .literalClass(listed)) }
                return Item(atom: .other)
            case "(":
                return parseGroup()
            case "\\":
                guard let escaped = peek() else { return nil }
                position += 1
                switch escaped {
                case "b", "B", "A", "G": return Item(atom: .zeroWidth)
                case "z", "Z": return Item(atom: .anchorEnd)
                case "W", "s": return Item(atom: .nonWordRun(listed: nil))
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
            var lookahead = false
            if peek() == "?" {
                switch peek(1) {
                case ":":
                    position += 2
                case "=":
                    position += 2
                    lookahead = true
                case "!":
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
            if lookahead { return Item(atom: .lookahead(alternatives)) }
            return lookaround ? Item(atom: .zeroWidth) : Item(atom: .group(alternatives))
        }

        /// The characters of a class body that only lists characters (no negation,
        /// ranges, escapes or POSIX classes); nil otherwise.
        private static func listedCharacters(_ body: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
            guard let first = body.first, first != "^" else { return nil }
            for scalar in body where scalar == "\\" || scalar == "-" || scalar == "[" || scalar == "]" {
                return nil
            }
            return Array(body)
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
            if case .lookahead = item.atom { return true }
            if case .anchorStart = item.atom { return false }
            return true
        }
    }
}
