/// Which text-only heuristic runs after the rules to remove boilerplate that does not
/// announce itself (menus, link lists, footers of short lines).
public enum Heuristic: Sendable, Equatable {
    /// The default: the content region with these thresholds, and on pages whose main
    /// region holds less than ``ContentRegionOptions/minimumRegionShare`` of the
    /// prose (shop grids, listings, landing pages; about one page in nine of the
    /// development set, where the region could only remove clear menus) the line
    /// classifier with `weakPages`. A page without prose is left alone, and one of
    /// more than 20,000 lines keeps the region. With
    /// ``ContentRegionOptions/conservative`` (no share) every page gets the region.
    case adaptive(ContentRegionOptions = .default, weakPages: LineClassifierOptions = .conservative)
    /// The learned per-line classifier built into Pare (gradient-boosted trees over
    /// shape features: length, stop words, bullets, indentation, position, blocks),
    /// which keeps a headline right above the text it keeps. Best on every page type
    /// of the development set, but on every page not the default: with the rules it
    /// costs about 2.9 times the rules' time (the adaptive default 1.9 times, the
    /// content region 1.6 times). Pages under 100
    /// words, shorter than anything it learned from, get the content-region heuristic
    /// instead. ``LineClassifierOptions/conservative`` keeps more.
    case lineClassifier(LineClassifierOptions = .default)
    /// The hand-tuned content-region heuristic alone, with these thresholds;
    /// ``ContentRegionOptions/conservative`` keeps more.
    case contentRegion(ContentRegionOptions)
    /// Rules only.
    case none
}

extension Heuristic {
    /// Whether the content region judges (some) pages: the copies of long lines are
    /// then removed by a stage of their own before it (the line classifier removes
    /// them itself, from the hashes it has anyway).
    var usesContentRegion: Bool {
        switch self {
        case .contentRegion, .adaptive: return true
        case .lineClassifier, .none: return false
        }
    }

    /// The content region's thresholds, when it judges (some) pages.
    var contentRegionOptions: ContentRegionOptions? {
        switch self {
        case .contentRegion(let options), .adaptive(let options, _): return options
        case .lineClassifier, .none: return nil
        }
    }
}
