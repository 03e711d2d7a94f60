/// Tidies the blank lines around what is left: runs of blank lines become one, and
/// blank lines at the start and end go. (Trailing spaces on kept lines and the single
/// final line feed are the renderer's job, ``Document/renderedBytes()``, because only
/// it sees a line with its removed spans taken out.)
///
/// Blank lines removed here are recorded with the rule id `tidy.blank-line`, so that
/// removals plus output account for every input line.
struct TidyStage: Stage {
    let name = "tidy"
    static let blankLineRule = "tidy.blank-line"

    func apply(to document: inout Document, scratch: MatchScratch) {
        let bytes = document.bytes
        var blankRun: [Int] = []       // kept blank lines since the last kept content line
        var seenContent = false
        bytes.withUnsafeBufferPointer { buffer in
            for index in document.lines.indices where document.lines[index].isKept {
                let line = document.lines[index]
                if ByteClasses.isBlank(buffer, line.range) {
                    blankRun.append(index)
                    continue
                }
                // Keep one blank line between content lines; drop the rest, and all
                // blank lines before the first content line.
                let keepOne = seenContent && !blankRun.isEmpty
                for (k, blank) in blankRun.enumerated() where !(keepOne && k == 0) {
                    document.removeLine(blank, rule: Self.blankLineRule, stage: name)
                }
                if keepOne { document.setLineEnd(blankRun[0], to: document.lines[blankRun[0]].start) }
                blankRun.removeAll(keepingCapacity: true)
                seenContent = true
            }
        }
        for blank in blankRun { document.removeLine(blank, rule: Self.blankLineRule, stage: name) }
    }
}
