import Pare

/// Totals over every document of one run, for `--stats`.
struct RunStatistics {
    struct RuleCounts {
        var lines = 0
        var spans = 0
        var bytes = 0
    }

    var documents = 0
    var bytesIn = 0
    var bytesOut = 0
    var perRule: [String: RuleCounts] = [:]
    var perStage: [String: Int] = [:]
    var limitHits: [String: Int] = [:]

    mutating func add(_ result: CleaningResult, inputBytes: Int) {
        documents += 1
        bytesIn += inputBytes
        bytesOut += result.bytes.count
        for removal in result.removals {
            var counts = perRule[removal.ruleID, default: RuleCounts()]
            if removal.span == nil { counts.lines += 1 } else { counts.spans += 1 }
            counts.bytes += removal.text.utf8.count
            perRule[removal.ruleID] = counts
            if removal.span == nil { perStage[removal.stage, default: 0] += 1 }
        }
        limitHits.merge(result.limitHits, uniquingKeysWith: +)
    }

    /// A plain table for standard error.
    func report() -> String {
        var text = "pare: \(documents) document\(documents == 1 ? "" : "s"), \(bytesIn) bytes in, \(bytesOut) bytes out\n"
        let width = max(24, perRule.keys.map(\.count).max() ?? 0)
        text += "rule".padding(width) + "  lines  spans    bytes\n"
        for (rule, counts) in perRule.sorted(by: { ($0.value.lines, $1.key) > ($1.value.lines, $0.key) }) {
            text += rule.padding(width) + String(counts.lines).leftPadding(7) + String(counts.spans).leftPadding(7)
                + String(counts.bytes).leftPadding(9) + "\n"
        }
        text += "lines removed by stage:"
        for (stage, count) in perStage.sorted(by: { $0.key < $1.key }) { text += " \(stage)=\(count)" }
        if !limitHits.isEmpty {
            text += "\nPCRE2 limit hits (lines kept):"
            for (rule, count) in limitHits.sorted(by: { $0.key < $1.key }) { text += " \(rule)=\(count)" }
        }
        return text
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
