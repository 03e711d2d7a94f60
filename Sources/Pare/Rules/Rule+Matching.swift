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

    /// Whether the rule's conditions (other than its patterns) allow it on this line.
    func applies(toLineWithWordCount words: Int) -> Bool {
        guard let maxWords else { return true }
        return words <= maxWords
    }
}
