/// Works out, from a pattern's source, a set of literal strings at least one of which
/// every match contains: the basis of the literal prefilter of ``RuleMatcher``.
///
/// For `©\s*(?:19|20)\d\d` that is `{"©"}`; for `^.{0,80}\bbrought\s+to` `{"brought"}`;
/// for `(?:^\W*|[.,;|©]\s*)all\s+rights\s+reserved` `{"all"}` (the longest run of
/// literals on the way). Literals are returned as written: the prefilter matches them
/// with the pattern's own options, so case is handled by PCRE2 exactly as in the
/// pattern. Conservative like ``LeadingWordAnalysis``: nil whenever it is unsure.
enum RequiredLiterals {
    /// How selective a literal is as a filter: its length in characters, where a
    /// character that is neither a letter, a digit nor a space counts as four (text is
    /// mostly letters; `|` or `©` is rare in a line).
    static func strength(_ literal: [Unicode.Scalar]) -> Int {
        literal.reduce(0) { total, scalar in
            total + (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == " " ? 1 : 4)
        }
    }

    /// Literals one of which every match of `pattern` contains; of the required sets
    /// found along the pattern, the one whose shortest literal is longest; nil when
    /// there is none or the pattern is outside what ``PatternSyntax`` reads.
    static func literals(of pattern: String) -> Set<[Unicode.Scalar]>? {
        var parser = PatternSyntax.Parser(Array(pattern.unicodeScalars))
        guard let alternatives = parser.parseAlternatives(), parser.atEnd else { return nil }
        return union(of: alternatives)
    }

    /// One required set per alternative, united; nil if one alternative has none.
    private static func union(of alternatives: [[PatternSyntax.Item]]) -> Set<[Unicode.Scalar]>? {
        var result = Set<[Unicode.Scalar]>()
        for alternative in alternatives {
            guard let found = best(in: alternative) else { return nil }
            result.formUnion(found)
        }
        return result
    }

    private static func best(in items: [PatternSyntax.Item]) -> Set<[Unicode.Scalar]>? {
        var candidates: [Set<[Unicode.Scalar]>] = []
        var run: [Unicode.Scalar] = []
        func closeRun() {
            if !run.isEmpty { candidates.append([run]) }
            run = []
        }
        for item in items {
            switch item.atom {
            case .literal(let scalar) where item.minimum >= 1:
                run.append(scalar)
                if item.maximum != 1 { closeRun() }     // repeated: what follows may vary
            case .group(let alternatives) where item.minimum >= 1:
                closeRun()
                if let found = union(of: alternatives) { candidates.append(found) }
            case .lookahead(let alternatives):
                // What a positive lookahead holds must be in the line as well.
                closeRun()
                if let found = union(of: alternatives) { candidates.append(found) }
            case .nonWordRun(let listed?) where item.minimum >= 1:
                // A class that lists its characters: one of them is needed.
                closeRun()
                candidates.append(Set(listed.map { [$0] }))
            case .literalClass(let listed) where item.minimum >= 1:
                closeRun()
                candidates.append(Set(listed.map { [$0] }))
            default:
                // Anything else consumes something unknown, or nothing: the run ends.
                closeRun()
            }
        }
        closeRun()
        func weakest(_ set: Set<[Unicode.Scalar]>) -> Int { set.map(strength).min() ?? 0 }
        return candidates.max { weakest($0) < weakest($1) }
    }
}
