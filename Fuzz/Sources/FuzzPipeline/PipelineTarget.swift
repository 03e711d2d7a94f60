import FuzzSupport
import Pare

/// The whole cleaning pipeline on arbitrary bytes: every heuristic, the plain, the
/// reporting and the counting entry points, with the promises about the output
/// checked on every input.
enum PipelineTarget {
    /// Built once: compiling the default packs costs far more than cleaning one input.
    /// The input's first byte picks one, so a mutation of that byte alone switches
    /// heuristic, and libFuzzer keeps inputs that are new to any of them.
    static let cleaners: [Cleaner] = {
        do {
            return [
                try Cleaner(),
                try Cleaner(heuristic: .contentRegion(.conservative)),
                try Cleaner(heuristic: .lineClassifier()),
                try Cleaner(heuristic: .none),
                try Cleaner(heuristic: .contentRegion(.default)),
            ]
        } catch {
            fatalError("the default packs do not load: \(error)")
        }
    }()
    static let classifierChoice = 2

    static func run(_ data: UnsafeRawBufferPointer) {
        let input = Array(data)
        let choice = Int(input.first ?? 0) % cleaners.count
        let cleaner = cleaners[choice]

        let cleaned = cleaner.clean(bytes: input)
        CleanedOutputChecks.checkTidy(cleaned, inputCount: input.count)

        // The three ways in must agree on the text.
        let report = cleaner.cleanWithReport(bytes: input)
        fuzzCheck(report.bytes == cleaned, "cleanWithReport gave other bytes than clean(bytes:)")
        var statistics = CleaningStatistics()
        let counted = cleaner.clean(bytes: input, statistics: &statistics)
        fuzzCheck(counted == cleaned, "clean(bytes:statistics:) gave other bytes than clean(bytes:)")
        fuzzCheck(statistics.bytesIn == input.count && statistics.bytesOut == cleaned.count,
                  "statistics count \(statistics.bytesIn) in / \(statistics.bytesOut) out for \(input.count) / \(cleaned.count)")
        CleanedOutputChecks.checkReport(report, cleaned: cleaned)

        if choice == classifierChoice {
            // The classifier's features feed a model trained in Python; a NaN or an
            // infinity would be a division by zero the Python features do not make.
            for row in cleaner.lineClassifierRows(bytes: input) {
                fuzzCheck(row.allSatisfy(\.isFinite), "non-finite classifier feature in \(row)")
                fuzzCheck((0...1).contains(row.last ?? 0), "classifier probability \(row.last ?? 0) outside 0...1")
            }
        }
    }
}
