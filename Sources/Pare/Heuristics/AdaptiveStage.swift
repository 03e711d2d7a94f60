/// The content region where it finds the text, the line classifier where it does not.
///
/// ``ContentRegionStage`` is fast and keeps what it is unsure of, which suits the
/// pages it was made for: a run of prose with menus and link lists around it. On a
/// page whose prose is a small part of its text (a shop grid, a listing, a landing
/// page of taglines) its region holds little of what matters, and it can only remove
/// clear menus. There ``LineClassifierStage`` decides, line by line, from the shape of
/// each line and its neighbours.
///
/// The choice is the region's own test (``ContentRegionStage/Plan/regionIsWeak``),
/// made again in every settling round on the page as it stands, so that the cleaned
/// output gets the same choice and cleaning it again changes nothing.
struct AdaptiveStage: Stage {
    let name = "adaptive"
    let region: ContentRegionStage
    let classifier: LineClassifierStage

    init(region: ContentRegionOptions, weakPages: LineClassifierOptions, stopwords: StopwordTable = .defaults,
         removesRepeatedLines: Bool) {
        self.region = ContentRegionStage(options: region, stopwords: stopwords)
        self.classifier = LineClassifierStage(stopwords: stopwords, options: weakPages,
                                              removesRepeatedLines: removesRepeatedLines)
    }

    /// Pages of more lines than this keep the content region: the classifier's
    /// settling rounds each score every line again, and a page built of a million
    /// short lines would take seconds where the region takes milliseconds. The
    /// longest page of the development set has 5,080 lines.
    static let maximumClassifiedLines = 20_000

    func apply(to document: inout Document, scratch: MatchScratch) {
        // A page without prose (no region) is left alone, as by the region: a list of
        // names or numbers is more often content than menu.
        guard let plan = region.plan(for: &document) else { return }
        if plan.regionIsWeak && document.lines.count <= Self.maximumClassifiedLines {
            // The reason goes into each removal's detail, for --explain.
            classifier.apply(to: &document, scratch: scratch,
                             weakRegion: (plan.regionShare, region.options.minimumRegionShare))
        } else {
            region.apply(plan, to: &document)
        }
    }
}
