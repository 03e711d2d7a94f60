/// The compact, internal record of one removal; ``Removal`` is its public view.
struct RemovalRecord: Sendable {
    let ruleID: String
    let stage: String
    /// 0-based line index.
    let line: Int
    /// Absolute byte offsets of a removed span, or nil when the whole line went.
    let span: Range<Int>?
}

/// One thing Pare removed, and why: the explanation behind `--explain`.
public struct Removal: Sendable, Equatable {
    /// The rule (or heuristic) that decided, e.g. `read-next.label`.
    public let ruleID: String
    /// The pipeline stage that acted, e.g. `line-rules`, `tail-cut`, `tidy`.
    public let stage: String
    /// 1-based line number in the normalised input.
    public let lineNumber: Int
    /// Byte offsets within the line of a removed span, or nil when the whole line
    /// was removed.
    public let span: Range<Int>?
    /// The removed text (invalid UTF-8 shown with U+FFFD).
    public let text: String
}
