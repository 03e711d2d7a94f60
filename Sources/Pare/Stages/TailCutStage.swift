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

    init(rules: [Rule]) {
        self.rules = rules.filter { $0.action == .cutTail }.map { ($0.matcher, $0.tailFraction) }
        needsWordCount = self.rules.contains { $0.matcher.maxWords != Int.max }
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        guard !rules.isEmpty else { return }
        let url = document.url
        let rules = self.rules.contains(where: \.matcher.isURLScoped)
            ? self.rules.filter { $0.matcher.applies(toURL: url, scratch: scratch) } : self.rules
        guard !rules.isEmpty else { return }
        let bytes = document.bytes
        var cut: (line: Int, rule: String, tailShare: Double)?
        bytes.withUnsafeBufferPointer { buffer in
            let lines = document.lines
            var total = 0
            for line in lines where line.isKept { total += ByteClasses.contentBytes(buffer, line.range) }
            guard total > 0 else { return }
            var before = 0
            search: for (index, line) in lines.enumerated() where line.isKept {
                let content = ByteClasses.contentBytes(buffer, line.range)
                defer { before += content }
                guard content > 0 else { continue }
                // Share of the kept text that starts at this line: the size of the cut.
                let tailShare = Double(total - before) / Double(total)
                let subject = UnsafeBufferPointer(rebasing: buffer[line.range])
                let words = needsWordCount ? ByteClasses.wordCount(buffer, line.range) : 0
                for (rule, tailFraction) in rules
                where tailShare <= tailFraction && rule.applies(toLineWithWordCount: words) {
                    switch rule.firstMatch(in: subject, scratch: scratch) {
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
