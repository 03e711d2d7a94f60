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
    /// ``TailCutStage``: the lines whose first word could start a cut.
    var tailCutCandidates: [Int]?
    /// ``TailCutStage``: per line, its count of non-space bytes.
    var contentBytes: [Int]?
}
