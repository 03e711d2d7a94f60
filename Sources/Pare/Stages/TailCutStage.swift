/// Applies cut-tail rules: a matching line in the document's tail is removed together
/// with everything after it (comment widgets, "You may also like" blocks, footers).
///
/// The bound is what keeps this safe: a rule only fires on a line that starts within
/// the last ``Rule/tailFraction`` of the text still kept, counted in non-space bytes,
/// so an early "Comments" heading cannot eat an article. The earliest qualifying
/// match among all cut-tail rules wins.
struct TailCutStage: Stage {
    let name = "tail-cut"
    /// The cut-tail rules, with each one's ``Rule/tailFraction`` beside it.
    let rules: [(matcher: RuleMatcher, tailFraction: Double)]
    private let needsWordCount: Bool
    /// Which cut-tail patterns can match a line, from its first word.
    private let dispatch: FirstWordDispatch

    init(rules: [Rule]) {
        self.rules = rules.filter { $0.action == .cutTail }.map { ($0.matcher, $0.tailFraction) }
        needsWordCount = self.rules.contains { $0.matcher.maxWords != Int.max }
        dispatch = FirstWordDispatch(patterns: self.rules.map { $0.matcher.patterns.map(\.source) })
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        guard !rules.isEmpty else { return }
        let url = document.url
        var rules = self.rules
        var dispatch = self.dispatch
        if rules.contains(where: \.matcher.isURLScoped) {
            // Rare: narrow the rules to this page's URL, and the dispatch with them.
            rules = rules.filter { $0.matcher.applies(toURL: url, scratch: scratch) }
            dispatch = FirstWordDispatch(patterns: rules.map { $0.matcher.patterns.map(\.source) })
        }
        guard !rules.isEmpty else { return }
        let bytes = document.bytes
        var cut: (line: Int, rule: String, tailShare: Double)?
        bytes.withUnsafeBufferPointer { buffer in
            let lines = document.lines
            // Kept non-space bytes before each line, and in all: computed only once a
            // line could start a cut (most pages have none).
            var before: [Int] = []
            var total = 0
            search: for (index, line) in lines.enumerated() where line.isKept {
                let subject = UnsafeBufferPointer(rebasing: buffer[line.range])
                let candidates = dispatch.candidates(for: subject)
                guard rules.indices.contains(where: { candidates.intersects(dispatch.rulePatterns[$0]) }) else { continue }
                if before.isEmpty {
                    before.reserveCapacity(lines.count)
                    for other in lines {
                        before.append(total)
                        if other.isKept { total += ByteClasses.contentBytes(buffer, other.range) }
                    }
                }
                guard total > 0 else { return }
                let content = (index + 1 < lines.count ? before[index + 1] : total) - before[index]
                guard content > 0 else { continue }
                // Share of the kept text that starts at this line: the size of the cut.
                let tailShare = Double(total - before[index]) / Double(total)
                let words = needsWordCount ? ByteClasses.wordCount(buffer, line.range) : 0
                for (ruleIndex, (rule, tailFraction)) in rules.enumerated()
                where candidates.intersects(dispatch.rulePatterns[ruleIndex])
                    && tailShare <= tailFraction && rule.applies(toLineWithWordCount: words) {
                    switch rule.firstMatch(in: subject, candidates: candidates,
                                           firstIndex: dispatch.firstPattern[ruleIndex], scratch: scratch) {
                    case .match:
                        cut = (index, rule.id, tailShare)
                        break search
                    case .limitExceeded:
                        document.limitHits[rule.id, default: 0] += 1
                    case .noMatch:
                        break
                    }
                }
            }
        }
        guard let cut else { return }
        for index in cut.line..<document.lines.count where document.lines[index].isKept {
            document.removeLine(index, rule: cut.rule, stage: name,
                                detail: .tailCut(startLine: cut.line, tailShare: cut.tailShare))
        }
    }
}
