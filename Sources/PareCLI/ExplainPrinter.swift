import Pare

/// Renders `--explain`: every input line, diff-style.
///
///     "  text"   kept
///     "- text"   removed whole            [rule-id]
///     "~ te[-x-]t" kept with a span removed [rule-id]
///
/// Blank lines dropped while tidying show as a bare "-". Colour (red for what went,
/// dim for rule ids) only on a terminal or with --color always.
struct ExplainPrinter {
    let color: Bool
    let showHeaders: Bool

    private var red: String { color ? "\u{1B}[31m" : "" }
    private var dim: String { color ? "\u{1B}[2m" : "" }
    private var reset: String { color ? "\u{1B}[0m" : "" }

    func render(_ result: CleaningResult, name: String) -> String {
        var wholeLine: [Int: Removal] = [:]
        var spans: [Int: [Removal]] = [:]
        for removal in result.removals {
            if removal.span == nil { wholeLine[removal.lineNumber] = removal } else { spans[removal.lineNumber, default: []].append(removal) }
        }
        var out = showHeaders ? "==> \(name) <==\n" : ""
        for (offset, line) in result.inputLines.enumerated() {
            let number = offset + 1
            if let removal = wholeLine[number] {
                if removal.stage == "tidy" {
                    out += "\(red)-\(reset)\n"
                } else {
                    let why = removal.detail.map { "\(removal.ruleID): \($0)" } ?? removal.ruleID
                    out += "\(red)- \(line)\(reset)  \(dim)[\(why)]\(reset)\n"
                }
            } else if let cuts = spans[number] {
                var marked = ""
                var utf8 = Array(line.utf8)[...]
                var position = 0
                for cut in cuts.sorted(by: { $0.span!.lowerBound < $1.span!.lowerBound }) {
                    let span = cut.span!
                    marked += String(decoding: utf8[position..<span.lowerBound], as: UTF8.self)
                    marked += "\(red)[-\(String(decoding: utf8[span], as: UTF8.self))-]\(reset)"
                    position = span.upperBound
                }
                marked += String(decoding: utf8[position...], as: UTF8.self)
                utf8 = []
                let ids = Set(cuts.map(\.ruleID)).sorted().joined(separator: ", ")
                out += "~ \(marked)  \(dim)[\(ids)]\(reset)\n"
            } else {
                out += "  \(line)\n"
            }
        }
        return out
    }
}
