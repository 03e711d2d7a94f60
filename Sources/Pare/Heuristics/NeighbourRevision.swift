/// Takes back lines the line classifier dropped when their neighbours show them to be
/// part of the article: the model scores each line alone, and the article text it
/// loses on the golden pages is of two shapes. (It still loses the last paragraph of
/// one of them, de-blog, whose only vouching neighbour is itself a borderline keep,
/// and a "Method" heading between two lists.)
///
/// - **The headline**: the line right above the first prose paragraph the model kept
///   (only blank lines between), when it reads like a headline. After the menus, a
///   short line at the top of a page looks to the model like one more menu line (it
///   dropped the headline of three of the seven golden pages). The content-region
///   stage keeps the same line (``ContentRegionStage/titleLine(above:info:lines:)``).
/// - **A following paragraph**: a prose line of at least ``paragraphMinimumWords``
///   words right after a prose line the model kept with a probability of at least
///   ``anchorMinimumProbability``. Near the end of a short page, the model drops the
///   article's last paragraphs with the footer.
///
/// A revision rests only on the model's own decisions, never on another revision, so
/// one kept line cannot pull in a chain of others.
///
/// On the development set (word F1 / must-keep / must-remove): 0.830 / 0.849 / 0.834
/// without them, 0.830 / 0.849 / 0.833 with the headline, 0.829 / 0.850 / 0.832 with
/// both. The line above the first paragraph of a real page is as often a byline, a
/// date or a button as a headline, and short prose after an article is often a call
/// to action, hence the word bounds; what is left is the price of losing less text.
enum NeighbourRevision {
    /// A headline has at least this many words: the one-to-three-word lines right above
    /// the text on real pages are buttons and labels ("Sign in", "Start free trial").
    static let titleMinimumWords = 4
    /// A headline has at most this many words (they run 5-15); a longer line above the
    /// text is a standfirst, which the model judges as prose anyway.
    static let titleMaximumWords = 25
    /// A following paragraph has at least this many words: shorter prose after an
    /// article is mostly a call to action ("Join our group to get the updates").
    static let paragraphMinimumWords = 15
    /// The kept line that vouches for a following paragraph must be this sure a keep.
    /// A borderline one may go in the next settling round, and the paragraph with it,
    /// which uncovers the next borderline pair: without the bound one product page of
    /// the development set peeled a line a round past the 33-round cap of
    /// ``CleaningResult/maximumSettlingRounds`` (and so was no longer cleaned idempotently).
    static let anchorMinimumProbability = 0.5
    /// Blank lines allowed between a revised line and the kept line that vouches for
    /// it: one, as the virtual page collapses blank runs.
    static let maximumGap = 1

    /// Turns the model's drops that the neighbours contradict into keeps.
    ///
    /// - Parameters:
    ///   - keep: the model's decision per unit, revised in place.
    ///   - probability: the model's probability of "content" per unit.
    ///   - units: the page's units in order (``LineFeatures/units``).
    ///   - lineIsBlank: per line of the virtual page, whether it is blank.
    static func revise(_ keep: inout [Bool], probability: [Double], units: [LineFeatures.Unit], lineIsBlank: [Bool]) {
        let model = keep
        if let title = title(of: units, keep: model, lineIsBlank: lineIsBlank) { keep[title] = true }
        for k in followingParagraphs(of: units, probability: probability, keep: model, lineIsBlank: lineIsBlank) {
            keep[k] = true
        }
    }

    /// The headline to keep against the model's decision `keep`, or nil.
    static func title(of units: [LineFeatures.Unit], keep: [Bool], lineIsBlank: [Bool]) -> Int? {
        guard let first = units.indices.first(where: { keep[$0] && units[$0].prose }), first > 0 else { return nil }
        let title = first - 1
        let unit = units[title]
        guard !keep[title], !isListItem(unit), (titleMinimumWords...titleMaximumWords).contains(unit.nw),
              adjacent(units[title], units[first], lineIsBlank) else { return nil }
        return title
    }

    /// The paragraphs to keep against the model's decision `keep` (from `probability`),
    /// in order.
    static func followingParagraphs(of units: [LineFeatures.Unit], probability: [Double], keep: [Bool],
                                    lineIsBlank: [Bool]) -> [Int] {
        units.indices.dropFirst().filter { k in
            !keep[k] && units[k].prose && units[k].nw >= paragraphMinimumWords
                && keep[k - 1] && probability[k - 1] >= anchorMinimumProbability && units[k - 1].prose
                && adjacent(units[k - 1], units[k], lineIsBlank)
        }
    }

    private static func isListItem(_ unit: LineFeatures.Unit) -> Bool { unit.bullet > 0 || unit.numbered }

    /// Whether nothing but at most ``maximumGap`` blank lines stands between `a` and `b`.
    private static func adjacent(_ a: LineFeatures.Unit, _ b: LineFeatures.Unit, _ lineIsBlank: [Bool]) -> Bool {
        let between = (a.line + 1)..<b.line
        return between.count <= maximumGap && between.allSatisfy { lineIsBlank[$0] }
    }
}
