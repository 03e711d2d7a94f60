extension Rule {
    /// Tries each of the rule's patterns on one line, in order.
    ///
    /// Returns the first match. If no pattern matched but one hit a PCRE2 limit, the
    /// result is ``MatchOutcome/limitExceeded``, which callers count and treat as no
    /// match.
    func firstMatch(in line: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                    scratch: MatchScratch) -> MatchOutcome {
        var hitLimit = false
        for pattern in compiled {
            switch pattern.firstMatch(in: line, from: start, scratch: scratch) {
            case .match(let range): return .match(range)
            case .limitExceeded: hitLimit = true
            case .noMatch: continue
            }
        }
        return hitLimit ? .limitExceeded : .noMatch
    }

    /// Whether the rule is scoped to some URLs (``Rule/urlPatterns``).
    var isURLScoped: Bool { !compiledURLPatterns.isEmpty }

    /// Whether the rule applies to a document with this URL: always for a rule
    /// without URL patterns; otherwise only when one matches (a PCRE2 limit hit
    /// counts as no match, so the rule stays off).
    func applies(toURL url: [UInt8]?, scratch: MatchScratch) -> Bool {
        guard isURLScoped else { return true }
        guard let url else { return false }
        return url.withUnsafeBufferPointer { subject in
            compiledURLPatterns.contains { pattern in
                if case .match = pattern.firstMatch(in: subject, scratch: scratch) { return true }
                return false
            }
        }
    }

    /// Whether the rule's conditions (other than its patterns) allow it on this line.
    func applies(toLineWithWordCount words: Int) -> Bool {
        guard let maxWords else { return true }
        return words <= maxWords
    }
}
