/// What the matching stages need of a rule on every line: its compiled patterns, its
/// word limit and its URL scope.
///
/// A class, so that taking one from an array in a per-line loop costs one retain;
/// copying a ``Rule`` (a struct of strings and arrays) costs one per field, which
/// was a quarter of all instructions on the dev corpus.
final class RuleMatcher: Sendable {
    let id: String
    let patterns: [CompiledPattern]
    /// ``Rule/maxWords``, or `Int.max` when the rule has none (``LineWordCounter``
    /// checks a line against it).
    let maxWords: Int
    let urlPatterns: [CompiledPattern]
    /// For each pattern that is not line-shaped and needs one of a few literals (see
    /// ``RequiredLiterals``), a plain alternation of those literals with the pattern's
    /// options: PCRE2 finds a literal far faster than it tries a complex pattern at
    /// every position, and without one the pattern cannot match.
    let prefilters: [CompiledPattern?]
    /// The literals of each prefilter, as written (nil where ``prefilters`` is nil):
    /// ``LineRuleStage`` joins them across rules into one line-wide prefilter.
    let prefilterLiterals: [[[Unicode.Scalar]]?]
    /// Each pattern's ``LeadingWordAnalysis/beginnings(of:)``: nil for a pattern that
    /// is not line-shaped. Kept for ``FirstWordDispatch``.
    let beginnings: [Set<[UInt32]>?]
    /// Each pattern's ``LabelPrefixAnalysis/beginnings(of:)``, for ``FirstWordDispatch``'s
    /// second narrowing (nil where ``beginnings`` is nil: such a pattern is tried on
    /// every line).
    let labelBeginnings: [Set<UInt64>?]

    /// Least ``RequiredLiterals/strength(_:)`` a required literal must have to be worth
    /// a prefilter (three letters, or one symbol).
    static let minimumPrefilterLiteral = 3
    /// Most literals one prefilter may hold.
    static let maximumPrefilterLiterals = 12

    init(id: String, patterns: [CompiledPattern], maxWords: Int?, urlPatterns: [CompiledPattern]) {
        self.id = id
        self.patterns = patterns
        self.maxWords = maxWords ?? Int.max
        self.urlPatterns = urlPatterns
        // One parse of each pattern for both analyses (they are most of start-up).
        let analysed = patterns.map { pattern -> (Set<[UInt32]>?, Set<UInt64>?) in
            guard let items = PatternSyntax.parse(pattern.source),
                  let beginnings = LeadingWordAnalysis.beginnings(of: items) else { return (nil, nil) }
            return (beginnings, LabelPrefixAnalysis.beginnings(of: items))
        }
        let beginnings = analysed.map(\.0)
        self.beginnings = beginnings
        self.labelBeginnings = analysed.map(\.1)
        let literals = zip(patterns, beginnings).map { pattern, beginnings in
            // Line-shaped patterns are narrowed by the first-word dispatch instead.
            beginnings == nil ? Self.prefilterLiterals(for: pattern) : nil
        }
        self.prefilters = zip(patterns, literals).map { pattern, literals in
            literals.flatMap { Self.alternation(of: $0, options: pattern.options) }
        }
        self.prefilterLiterals = zip(literals, prefilters).map { $1 == nil ? nil : $0 }
    }

    /// A pattern matching any of `literals`.
    static func alternation(of literals: [[Unicode.Scalar]], options: PatternOptions) -> CompiledPattern? {
        try? CompiledPattern("(?:" + literals.map(quoted).sorted().joined(separator: "|") + ")", options: options)
    }

    /// `literal` as pattern source that matches it.
    private static func quoted(_ literal: [Unicode.Scalar]) -> String {
        var text = ""
        for scalar in literal {
            // Escape every ASCII punctuation character; letters, digits and other
            // scripts stand for themselves.
            if scalar.value < 0x80 && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar) && scalar != " " {
                text += "\\"
            }
            text.unicodeScalars.append(scalar)
        }
        return text
    }

    private static func prefilterLiterals(for pattern: CompiledPattern) -> [[Unicode.Scalar]]? {
        guard let literals = RequiredLiterals.literals(of: pattern.source),
              literals.count <= maximumPrefilterLiterals,
              literals.allSatisfy({ RequiredLiterals.strength($0) >= minimumPrefilterLiteral })
        else { return nil }
        return Array(literals)
    }

    /// Tries the rule's patterns on one line, in order, from byte `start`.
    ///
    /// Returns the first match. If no pattern matched but one hit a PCRE2 limit, the
    /// result is ``MatchOutcome/limitExceeded``, which callers count and treat as no
    /// match.
    ///
    /// - Parameters:
    ///   - candidates: only these patterns are tried, numbered from `firstIndex` (see
    ///     ``FirstWordDispatch``); every pattern by default.
    func firstMatch(in line: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                    candidates: FirstWordDispatch.PatternSet = .all, firstIndex: Int = 0,
                    scratch: MatchScratch) -> MatchOutcome {
        var hitLimit = false
        for index in patterns.indices where candidates.contains(firstIndex + index) {
            if let prefilter = prefilters[index],
               case .noMatch = prefilter.firstMatch(in: line, from: start, scratch: scratch) {
                continue
            }
            switch patterns[index].firstMatch(in: line, from: start, scratch: scratch) {
            case .match(let range): return .match(range)
            case .limitExceeded: hitLimit = true
            case .noMatch: continue
            }
        }
        return hitLimit ? .limitExceeded : .noMatch
    }

    /// Whether the rule is scoped to some URLs.
    var isURLScoped: Bool { !urlPatterns.isEmpty }

    /// Whether the rule applies to a document with this URL: always for a rule
    /// without URL patterns; otherwise only when one matches (a PCRE2 limit hit
    /// counts as no match, so the rule stays off).
    func applies(toURL url: [UInt8]?, scratch: MatchScratch) -> Bool {
        guard isURLScoped else { return true }
        guard let url else { return false }
        return url.withUnsafeBufferPointer { subject in
            urlPatterns.contains { pattern in
                if case .match = pattern.firstMatch(in: subject, scratch: scratch) { return true }
                return false
            }
        }
    }
}
