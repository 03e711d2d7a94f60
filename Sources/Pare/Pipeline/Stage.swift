/// One step of the cleaning pipeline.
///
/// A stage reads the document's lines and marks what it removes; it never deletes
/// text itself, so later stages and `--explain` still see where everything came from.
/// Stages are immutable and shared between threads; per-thread state comes in through
/// `scratch`.
protocol Stage: Sendable {
    /// Stable name shown by `--explain` and the statistics.
    var name: String { get }
    func apply(to document: inout Document, scratch: MatchScratch)
}
