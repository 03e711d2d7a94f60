import Pare

/// The promises the README makes about cleaned text and about `--explain`'s account of
/// it, checked on every input of the targets that clean.
public enum CleanedOutputChecks {
    /// What the tidy stage and the renderer promise: one line feed at the end, no
    /// blank line first or last or twice in a row, no trailing spaces, no CR (the
    /// normalize stage turned every CR into LF), and nothing longer than the input
    /// plus that final line feed (normalizing only ever shortens).
    public static func checkTidy(_ cleaned: [UInt8], inputCount: Int) {
        fuzzCheck(cleaned.count <= inputCount + 1, "output of \(cleaned.count) bytes from \(inputCount) bytes of input")
        guard let last = cleaned.last else { return }
        fuzzCheck(last == 0x0A, "output does not end with a line feed")
        fuzzCheck(cleaned[0] != 0x0A, "output starts with a blank line")
        fuzzCheck(cleaned.count < 2 || cleaned[cleaned.count - 2] != 0x0A, "output ends with a blank line")
        var previous: UInt8 = 0
        var blankRun = 0
        for byte in cleaned {
            fuzzCheck(byte != 0x0D, "CR in the output")
            if byte == 0x0A {
                fuzzCheck(previous != 0x20 && previous != 0x09, "trailing space or tab in the output")
                blankRun = previous == 0x0A ? blankRun + 1 : 0
                fuzzCheck(blankRun < 2, "two blank lines in a row in the output")
            }
            previous = byte
        }
    }

    /// What `--explain` relies on: every removal names an input line, spans lie inside
    /// their line and do not overlap (the explain printer slices the line's UTF-8 with
    /// them), no line is removed whole twice, and the kept lines are exactly the
    /// output's lines.
    public static func checkReport(_ report: CleaningResult, cleaned: [UInt8]) {
        let lineCount = report.inputLines.count
        var removedWhole = Set<Int>()
        var spansByLine: [Int: [Range<Int>]] = [:]
        for removal in report.removals {
            fuzzCheck(removal.lineNumber >= 1 && removal.lineNumber <= lineCount,
                      "removal at line \(removal.lineNumber) of \(lineCount)")
            if let span = removal.span {
                // inputLines are decoded with U+FFFD for invalid bytes, which never
                // makes a line shorter, so its UTF-8 length bounds the raw line's.
                let length = report.inputLines[removal.lineNumber - 1].utf8.count
                fuzzCheck(span.lowerBound >= 0 && !span.isEmpty && span.upperBound <= length,
                          "span \(span) in line \(removal.lineNumber) of \(length) bytes")
                spansByLine[removal.lineNumber, default: []].append(span)
            } else {
                fuzzCheck(removedWhole.insert(removal.lineNumber).inserted,
                          "line \(removal.lineNumber) removed twice")
            }
        }
        for (line, spans) in spansByLine {
            let sorted = spans.sorted { $0.lowerBound < $1.lowerBound }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                fuzzCheck(a.upperBound <= b.lowerBound, "spans \(a) and \(b) overlap in line \(line)")
            }
        }
        let outputLines = cleaned.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        fuzzCheck(outputLines == lineCount - removedWhole.count,
                  "\(lineCount) input lines, \(removedWhole.count) removed, but \(outputLines) output lines")
    }
}
