/// Which text-only heuristic runs after the rules to remove boilerplate that does not
/// announce itself (menus, link lists, footers of short lines).
public enum Heuristic: Sendable, Equatable {
    /// The learned per-line classifier built into Pare (gradient-boosted trees over
    /// shape features: length, stop words, bullets, indentation, position, blocks),
    /// which keeps a headline right above the text it keeps. Best on every page type
    /// of the development set, but not yet the default: with the rules it costs about
    /// 2.7 times the rules' time (the content region, 1.5 times). Pages under 100
    /// words, shorter than anything it learned from, get the content-region heuristic
    /// instead. ``LineClassifierOptions/conservative`` keeps more.
    case lineClassifier(LineClassifierOptions = .default)
    /// The hand-tuned content-region heuristic with these thresholds (the default);
    /// ``ContentRegionOptions/conservative`` keeps more.
    case contentRegion(ContentRegionOptions)
    /// Rules only.
    case none
}
