/// Facts about a document's lines that stages work out once and read again in the
/// pipeline's settling rounds (see ``Pipeline``).
///
/// After the line rules, a line's text never changes; only whether it is kept does.
/// So what a stage learned about each line's text in the first round still holds in
/// the next, and a round costs a walk over the lines instead of a scan of the bytes.
struct DocumentMemo {
    /// ``LineWordCounts``: per line, its word counts and whether it starts with a
    /// bullet (lines removed when they were counted hold zeros, and stay removed).
    var lineWordCounts: [LineWordCounts.Entry]?
    /// ``LineClassifierStage``: each line's unit facts and shape features.
    var classifierLines: LineFeatures.LineMemo?
    /// ``TailCutStage``: the lines whose first word could start a cut, for the cut-tail
    /// patterns of ``TailCutCandidates/patterns`` (found by ``LineRuleStage`` as it
    /// reads each line's first word, or by the tail cut itself).
    var tailCutCandidates: TailCutCandidates?
    /// ``TailCutStage``: per line, its count of non-space bytes.
    var contentBytes: [Int]?
    /// ``ClosingChromeStage``: whether it has cut this page (once is all: see there).
    var closingChromeCut = false
    /// ``ClosingChromeStage``: the lines its marked rules removed, in order.
    var closingChromeMarkers: [ClosingChromeMarker]?
}

/// A line that a rule marked `ends-content` removed (``DocumentMemo/closingChromeMarkers``).
struct ClosingChromeMarker {
    let line: Int
    let rule: String
}

/// ``DocumentMemo/tailCutCandidates``.
struct TailCutCandidates {
    /// Which cut-tail patterns the lines were found for (``key(of:)``): a stage with
    /// other patterns finds its own.
    let patterns: Int
    /// The kept non-blank lines whose first word begins one of the patterns, in order.
    let lines: [Int]

    /// A key for a list of cut-tail rules' patterns.
    static func key(of rules: [RuleMatcher]) -> Int {
        var hasher = Hasher()
        for rule in rules {
            hasher.combine(rule.patterns.count)
            for pattern in rule.patterns {
                hasher.combine(pattern.source)
                hasher.combine(pattern.options.caseless)
            }
        }
        return hasher.finalize()
    }
}
