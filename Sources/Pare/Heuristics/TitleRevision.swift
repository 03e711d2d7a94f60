/// Takes back the page's title when the line classifier dropped it: the line right
/// above the first prose paragraph the model kept (only blank lines between), when it
/// reads like a headline.
///
/// The model scores each line alone, and a short line at the top of a page, after the
/// menus, looks to it like one more menu line: on three of the seven golden pages it
/// dropped the headline. The content-region stage keeps the same line
/// (``ContentRegionStage/titleLine(above:info:lines:)``).
///
/// On the development set this changes almost nothing (word F1 0.830 either way,
/// must-remove 0.834 → 0.833): the line above the first paragraph of a real page is
/// as often a byline, a date or a button as a headline, hence the word bounds.
struct TitleRevision: Sendable {
    /// A headline has at least this many words: the one-to-three-word lines right above
    /// the text on real pages are buttons and labels ("Sign in", "Start free trial").
    static let minimumWords = 4
    /// A headline has at most this many words (they run 5-15); a longer line above the
    /// text is a standfirst, which the model judges as prose anyway.
    static let maximumWords = 25
    /// Blank lines allowed between the title and the paragraph: one, as the virtual
    /// page collapses blank runs.
    static let maximumGap = 1

    /// The index of the unit to keep against the model's decision, or nil.
    ///
    /// - Parameters:
    ///   - units: the page's units in order (``LineFeatures/units``).
    ///   - keep: the model's decision per unit.
    ///   - lineIsBlank: per line of the virtual page, whether it is blank.
    static func title(of units: [LineFeatures.Unit], keep: [Bool], lineIsBlank: [Bool]) -> Int? {
        guard let first = units.indices.first(where: { keep[$0] && units[$0].prose }), first > 0 else { return nil }
        let title = first - 1
        let unit = units[title]
        let listItem = unit.bullet > 0 || unit.numbered
        guard !keep[title], !listItem, (minimumWords...maximumWords).contains(unit.nw) else { return nil }
        let between = (unit.line + 1)..<units[first].line
        guard between.count <= maximumGap, between.allSatisfy({ lineIsBlank[$0] }) else { return nil }
        return title
    }
}
