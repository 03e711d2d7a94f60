/// Keeps or drops each line with a learned model instead of hand-set thresholds: an
/// alternative to ``ContentRegionStage`` (``Cleaner`` uses one or the other).
///
/// 1. The page is rebuilt as the model saw it in training (``VirtualPage``: the
///    output of the rule stages, tidied), and every unit (a line with at least one
///    word) gets the 122 features of ``LineFeatures``.
/// 2. ``LineModel`` turns each row into the probability that the line is content;
///    units below the threshold (the model's, or ``LineClassifierOptions/keepThreshold``)
///    go, as `classifier.line`, with the probability in the detail, except the headline
///    or paragraphs that their kept neighbours vouch for (``NeighbourRevision``).
/// 3. Non-blank lines without words ("*", "|", "----") go as `classifier.no-words`:
///    the model never keeps them (it was trained to score only units).
/// 4. A kept unit of ``RepeatedLineStage/minimumWords`` words or more that repeats an
///    earlier kept unit word for word goes as `repeat.line`, as ``RepeatedLineStage``
///    does with the content region: here from the units' own hashes, so it costs no
///    second reading of the page, and on the page the model saw, with the copies in.
///
/// A page without any unit is left alone: there is nothing to score, and dropping its
/// symbols would empty it. A page of fewer than ``defaultMinimumPageWords`` words goes to the
/// content-region stage instead (after ``RepeatedLineStage``, as in the cleaner's
/// default pipeline).
struct LineClassifierStage: Stage {
    let name = "line-classifier"
    static let lineRule = "classifier.line"
    static let noWordsRule = "classifier.no-words"

    /// The model learned from whole web pages: 99% of its training pages hold more
    /// than 113 words, and on a two-line snippet it can score everything as
    /// boilerplate. Below this size the hand-tuned content-region stage decides.
    static let defaultMinimumPageWords = 100
    let minimumPageWords: Int

    /// The learned model (``LineModel/embedded``), read when the first page reaches
    /// the stage, not when the stage is made: most pages never do (the adaptive
    /// default sends the classifier a tenth of them), and reading the model was an
    /// eighth of the command line tool's start-up.
    var model: LineModel { LineModel.embedded }
    let stopwords: StopwordTable
    /// For a report: which features lowered a removed line's score (made with the
    /// model, on first use).
    private static let attribution = ScoreAttribution(model: .embedded)
    /// How many of them a report names.
    static let reasonsPerLine = 2
    private let fallback: ContentRegionStage
    /// Whether copies of kept units go (step 4).
    let removesRepeatedLines: Bool
    /// ``LineClassifierOptions/keepThreshold``: units scoring below it go; nil for the
    /// model's own threshold.
    private let keepThreshold: Double?
    /// Units scoring below this go.
    var threshold: Double { keepThreshold ?? model.threshold }

    init(stopwords: StopwordTable = .defaults,
         minimumPageWords: Int = Self.defaultMinimumPageWords, options: LineClassifierOptions = .default,
         removesRepeatedLines: Bool = true) {
        self.stopwords = stopwords
        self.minimumPageWords = minimumPageWords
        self.fallback = ContentRegionStage(options: .default, stopwords: stopwords)
        self.removesRepeatedLines = removesRepeatedLines
        self.keepThreshold = options.keepThreshold
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        apply(to: &document, scratch: scratch, weakRegion: nil)
    }

    /// ``apply(to:scratch:)``, with the reason the adaptive heuristic gave the page to
    /// the classifier put in each removal's detail (``RemovalDetail/classifier(probability:threshold:against:weakRegion:)``).
    func apply(to document: inout Document, scratch: MatchScratch, weakRegion: (share: Double, minimum: Double)?) {
        // Borrowed from the thread's scratch (and out of it meanwhile, so that it is
        // not shared and grows in place).
        var features = scratch.lineFeatures ?? LineFeatures(stopwords: stopwords)
        scratch.lineFeatures = nil
        defer { scratch.lineFeatures = features }
        features.stopwords = stopwords
        features.compute(document, memo: &document.memo.classifierLines)
        guard features.unitCount > 0 else { return }
        guard features.units.reduce(0, { $0 + $1.nw }) >= minimumPageWords else {
            // As the cleaner does with the content region: copies first.
            if removesRepeatedLines { RepeatedLineStage(stopwords: stopwords).apply(to: &document, scratch: scratch) }
            fallback.apply(to: &document, scratch: scratch)
            return
        }
        let page = features.page
        let units = features.units
        let model = self.model
        let threshold = self.threshold
        var probability = [Double](repeating: 0, count: units.count)
        // With a report: for each unit below the threshold, what lowered its score.
        var reasons: [Int: [ClassifierReason]] = [:]
        let explains = document.explains
        withUnsafeTemporaryAllocation(of: Double.self, capacity: CompleteTrees.groupSize) { scores in
            features.forEachGroup { groupUnits, group in
                model.scores(group: group, into: scores)
                for (slot, (k, score)) in zip(groupUnits, scores).enumerated() {
                    probability[k] = LineModel.sigmoid(score)
                    guard explains && probability[k] < threshold else { continue }
                    let size = CompleteTrees.groupSize
                    reasons[k] = Self.attribution.strongestAgainst(count: Self.reasonsPerLine) { group[size * $0 + slot] }
                }
            }
        }
        var keep = probability.map { $0 >= threshold }
        NeighbourRevision.revise(&keep, probability: probability, units: units, lineIsBlank: features.lineIsBlank)
        for k in units.indices where !keep[k] {
            document.removeLine(page.documentLine[units[k].line], rule: Self.lineRule, stage: name,
                                detail: .classifier(probability: probability[k], threshold: threshold,
                                                    against: reasons[k] ?? [], weakRegion: weakRegion))
        }
        if removesRepeatedLines { removeRepeats(of: units, kept: keep, page: page, from: &document) }
        for i in 0..<page.lineCount where features.lineWords[i] == 0 && !features.lineIsBlank[i] {
            let line = page.documentLine[i]
            if line >= 0 { document.removeLine(line, rule: Self.noWordsRule, stage: name) }
        }
    }

    /// Step 4: removes each kept unit that repeats an earlier kept one.
    private func removeRepeats(of units: [LineFeatures.Unit], kept keep: [Bool], page: VirtualPage,
                               from document: inout Document) {
        var lines: [(line: Int, hash: UInt64)] = []
        for k in units.indices where keep[k] && units[k].nw >= RepeatedLineStage.minimumWords {
            let line = page.documentLine[units[k].line]
            // The folded line leaves ideographs out (as features.py does): lines of
            // Chinese or Japanese would all share it, and each would be checked against
            // all the others. Theirs is worked out here, words and ideographs.
            lines.append((line, units[k].ideographs == 0 ? units[k].folded : wordHash(ofLine: line, in: document)))
        }
        RepeatedLineTable.removeCopies(among: lines, from: &document, stage: name)
    }

    /// ``WordScanner/Counts/sequenceHash`` of a document line.
    private func wordHash(ofLine line: Int, in document: Document) -> UInt64 {
        document.withVisibleText(ofLine: line) { WordScanner().count($0, 0..<$0.count, stopwords: stopwords).sequenceHash }
    }

    /// Each unit's features followed by its probability, on the document as it stands
    /// (for the parity check against features.py).
    func rows(for document: Document) -> [[Double]] {
        var features = LineFeatures(stopwords: stopwords)
        features.compute(document)
        var rows: [[Double]] = []
        features.forEachRow { _, row in rows.append(Array(row) + [model.probability(row)]) }
        return rows
    }
}
