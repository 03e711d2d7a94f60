/// The ordered stages a document flows through.
///
/// The default order: normalise line endings and odd spaces, apply line and span
/// rules, cut boilerplate tails, tidy blank lines.
struct Pipeline: Sendable {
    let stages: [any Stage]

    func run(_ document: inout Document, scratch: MatchScratch) {
        for stage in stages {
            stage.apply(to: &document, scratch: scratch)
        }
    }
}
