extension Rule {
    /// Tries each of the rule's patterns on one line, in order (see
    /// ``RuleMatcher/firstMatch(in:from:scratch:)``).
    func firstMatch(in line: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                    scratch: MatchScratch) -> MatchOutcome {
        matcher.firstMatch(in: line, from: start, scratch: scratch)
    }

    /// Whether the rule is scoped to some URLs (``Rule/urlPatterns``).
    var isURLScoped: Bool { matcher.isURLScoped }

    /// Whether the rule applies to a document with this URL.
    func applies(toURL url: [UInt8]?, scratch: MatchScratch) -> Bool {
        matcher.applies(toURL: url, scratch: scratch)
    }
}
