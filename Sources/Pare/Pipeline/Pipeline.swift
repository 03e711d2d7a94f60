/// The ordered stages a document flows through.
///
/// The default order: normalise line endings and odd spaces, apply line and span
/// rules, remove copies of long lines, cut boilerplate tails, remove menus (a
/// heuristic), tidy blank lines.
///
/// Some stages judge a line by the rest of the page: the tail cut by how much text
/// follows it, the heuristics by the prose around it. What they remove changes the
/// page they judged, so on the cleaned output they could find more to remove, and
/// cleaning twice would differ from cleaning once. The pipeline therefore runs those
/// *settling* stages again, in order, until a round removes nothing: the result is
/// a page on which every stage agrees, and cleaning it again changes nothing.
struct Pipeline: Sendable {
    let stages: [any Stage]
    /// Positions in ``stages`` of the stages that depend on the whole page; they must
    /// be consecutive, and the stages after them (tidying) run once, at the end.
    let settlingStages: Range<Int>

    /// Rounds after the first at most. Each round that continues has removed at least
    /// one line, so the loop ends anyway; the cap bounds the cost on a pathological
    /// page (each round peeling off one more line). On the development set the
    /// default heuristic settles within 5 rounds (counting the last one, which removes
    /// nothing; 2.0 on average), the line classifier within 13 (2.65 on average): its
    /// features look at neighbours, so one removal can tip the next line.
    static let maximumRoundsAfterFirst = 32

    init(stages: [any Stage], settlingStages: Range<Int> = 0..<0) {
        precondition(settlingStages.clamped(to: stages.indices) == settlingStages)
        self.stages = stages
        self.settlingStages = settlingStages
    }

    func run(_ document: inout Document, scratch: MatchScratch) {
        let settleAfter = settlingStages.isEmpty ? -1 : settlingStages.upperBound - 1
        var roundStart = document.removals.count
        for (position, stage) in stages.enumerated() {
            if position == settlingStages.lowerBound { roundStart = document.removals.count }
            stage.apply(to: &document, scratch: scratch)
            guard position == settleAfter else { continue }
            // A round that removed nothing leaves the page as these stages last saw
            // it, and they are deterministic: running them again would change nothing.
            var rounds = 0
            while document.removals.count > roundStart && rounds < Self.maximumRoundsAfterFirst {
                roundStart = document.removals.count
                for again in stages[settlingStages] { again.apply(to: &document, scratch: scratch) }
                rounds += 1
            }
            // Said, not hidden: the page is not at rest (see ``CleaningStatistics``).
            if document.removals.count > roundStart { document.reachedSettlingCap = true }
        }
    }
}
