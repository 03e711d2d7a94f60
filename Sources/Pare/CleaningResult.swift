/// What cleaning one document produced: the kept text and an account of everything
/// removed.
public struct CleaningResult: Sendable {
    /// The kept text as bytes (invalid UTF-8 in the input passes through unchanged).
    public let bytes: [UInt8]
    /// Every removal in pipeline order: which rule or stage, which line, which span.
    public let removals: [Removal]
    /// Per rule id: how many lines a PCRE2 limit kept from being matched. Such lines
    /// are kept; a non-empty dictionary means a pattern is too expensive.
    public let limitHits: [String: Int]
    /// Whether the page-dependent stages were still removing lines when they stopped
    /// at ``maximumSettlingRounds`` rounds: cleaning ``bytes`` again may remove more.
    public let reachedSettlingCap: Bool
    /// The normalised input lines (1-based ``Removal/lineNumber`` indexes into it),
    /// for showing removals in context.
    public let inputLines: [String]

    /// How many rounds the page-dependent stages (tail cut and heuristic) run at most.
    public static let maximumSettlingRounds = Pipeline.maximumRoundsAfterFirst + 1

    /// The kept text as a string (invalid UTF-8 shown as U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
