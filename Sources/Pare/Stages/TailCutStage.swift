/// Applies cut-tail rules: a matching line in the document's tail is removed together
/// with everything after it (comment widgets, "You may also like" blocks, footers).
///
/// The bound is what keeps this safe: a rule only fires on a line that starts within
/// the last ``Rule/tailFraction`` of the text still kept, counted in non-space bytes,
/// so an early "Comments" heading cannot eat an article. A line whose text stands more
/// than once among the kept lines, digits aside
/// (``Document/textRepeats(ofLine:amongKeptLines:ignoringDigits:)``), starts no cut
/// either: "Comments" or "3 Comments" under every answer of a Q&A thread belongs to
/// the posts, and cutting at the first would take the answers. The earliest
/// qualifying match among all cut-tail rules wins.
struct TailCutStage: Stage {
    let name = "tail-cut"
    /// The cut-tail rules, with each one's ``Rule/tailFraction`` beside it.
    let rules: [(matcher: RuleMatcher, tailFraction: Double)]
    private let hasURLScopedRules: Bool
    /// Which cut-tail patterns can match a line, from its first word.
    private let dispatch: FirstWordDispatch
    /// ``TailCutCandidates/key(of:)`` of ``rules``.
    private let patternsKey: Int

    init(rules: [Rule]) {
        self.rules = rules.filter { $0.action == .cutTail }.map { ($0.matcher, $0.tailFraction) }
        hasURLScopedRules = self.rules.contains { $0.matcher.isURLScoped }
        dispatch = FirstWordDispatch(beginnings: self.rules.map { $0.matcher.beginnings },
                                     labelBeginnings: self.rules.map { $0.matcher.labelBeginnings })
        patternsKey = TailCutCandidates.key(of: self.rules.map(\.matcher))
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        guard !rules.isEmpty else { return }
        let url = document.url
        // Rare: narrow the rules to this page's URL, and the dispatch with them.
        let rules = hasURLScopedRules ? self.rules.filter { $0.matcher.applies(toURL: url, scratch: scratch) } : self.rules
        let dispatch = hasURLScopedRules ? FirstWordDispatch(beginnings: rules.map { $0.matcher.beginnings },
                                                                        labelBeginnings: rules.map { $0.matcher.labelBeginnings }) : self.dispatch
        guard !rules.isEmpty else { return }
        var cut: (line: Int, rule: String, tailShare: Double)?
        search: do {
            let lines = document.lines
            // The lines whose first word could start a cut; most pages have none.
            let candidateLines: [Int]
            if let memo = document.memo.tailCutCandidates, memo.patterns == patternsKey {
                candidateLines = memo.lines
            } else {
                let anyRule = dispatch.rulePatterns.reduce(FirstWordDispatch.PatternSet()) { $0.union($1) }
                var found: [Int] = []
                document.forEachKeptLine { index, text in
                    if dispatch.candidates(for: text).intersects(anyRule) { found.append(index) }
                }
                candidateLines = found
            }
            document.memo.tailCutCandidates = TailCutCandidates(patterns: patternsKey, lines: candidateLines)
            guard candidateLines.contains(where: { lines[$0].isKept }) else { break search }
            // Kept non-space bytes before each line, and in all.
            // Removed lines count 0; they stay removed in later rounds.
            // The word counts have them when a heuristic counted the words already.
            let contentBytes = document.memo.contentBytes
                ?? document.memo.lineWordCounts?.map(\.words.contentBytes)
                ?? {
                    var counts = [Int](repeating: 0, count: lines.count)
                    document.forEachKeptLine { index, text in counts[index] = ByteClasses.contentBytes(text, 0..<text.count) }
                    return counts
                }()
            document.memo.contentBytes = contentBytes
            var before: [Int] = []
            before.reserveCapacity(lines.count)
            var total = 0
            for (index, line) in lines.enumerated() {
                before.append(total)
                if line.isKept { total += contentBytes[index] }
            }
            guard total > 0 else { break search }
            var repeatedHeadings = 0
            for index in candidateLines where lines[index].isKept {
                guard contentBytes[index] > 0 else { continue }
                // Share of the kept text that starts at this line: the size of the cut.
                let tailShare = Double(total - before[index]) / Double(total)
                // The repeat test reads the whole page: only for a line a rule matches.
                guard let rule = firstCutRule(on: index, tailShare: tailShare, rules: rules, dispatch: dispatch,
                                              document: &document, scratch: scratch) else { continue }
                if document.textRepeats(ofLine: index, amongKeptLines: true, ignoringDigits: true) {
                    repeatedHeadings += 1
                    if repeatedHeadings >= Document.maximumRepeatedLinesPassedOver { break search }
                    continue
                }
                cut = (index, rule, tailShare)
                break search
            }
        }
        guard let cut else { return }
        for index in cut.line..<document.lines.count where document.lines[index].isKept {
            document.removeLine(index, rule: cut.rule, stage: name,
                                detail: .tailCut(startLine: cut.line, tailShare: cut.tailShare))
        }
    }

    /// The id of the first cut-tail rule whose tail reaches `tailShare` and that
    /// matches line `index` as it will be printed, or nil.
    private func firstCutRule(on index: Int, tailShare: Double, rules: [(matcher: RuleMatcher, tailFraction: Double)],
                              dispatch: FirstWordDispatch, document: inout Document, scratch: MatchScratch) -> String? {
        var limitHit: String?
        let found: String? = document.withVisibleText(ofLine: index) { subject in
            let candidates = dispatch.candidates(for: subject)
            // Counted only when, and as far as, a candidate rule's word bound needs it.
            var words = LineWordCounter(subject)
            for (ruleIndex, (rule, tailFraction)) in rules.enumerated()
            where candidates.intersects(dispatch.rulePatterns[ruleIndex]) && tailShare <= tailFraction
                && words.hasAtMost(rule.maxWords) {
                switch rule.firstMatch(in: subject, candidates: candidates,
                                       firstIndex: dispatch.firstPattern[ruleIndex], scratch: scratch) {
                case .match: return rule.id
                case .limitExceeded: limitHit = rule.id
                case .noMatch: break
                }
            }
            return nil
        }
        if let limitHit { document.limitHits[limitHit, default: 0] += 1 }
        return found
    }
}
