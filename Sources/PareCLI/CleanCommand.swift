import ArgumentParser
import Pare
import PareBulk

/// `pare [FILE...]`: clean each input as one document, write the result to stdout.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean documents (the default subcommand: 'pare FILE' is 'pare clean FILE')."
    )

    @Argument(help: ArgumentHelp("Input files, each one document; '-' or none reads standard input.", valueName: "FILE"))
    var files: [String] = []

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Instead of the cleaned text, show every line, marking what was removed and by which rule.")
    var explain = false

    @Option(help: "Colour for --explain: auto (on a terminal), always or never.")
    var color: ColorMode = .auto

    @Flag(help: "Print per-rule counts of what was removed to standard error.")
    var stats = false

    @Flag(name: [.customShort("z"), .customLong("null")],
          help: "Inputs hold many documents separated by NUL bytes; each output document ends with NUL.")
    var nullSeparated = false

    // A developer tool for Benchmarks/quality/model/parity.py, hence hidden.
    @Flag(name: .customLong("dump-line-features"),
          help: ArgumentHelp("Instead of cleaning, print the line classifier's features and probability, one line per unit: DOC, UNIT, features..., p.",
                             visibility: .hidden))
    var dumpLineFeatures = false

    @OptionGroup(title: "Many documents")
    var bulkOptions: BulkOptions

    func run() throws {
        let cleaner = try ruleOptions.makeCleaner()
        if dumpLineFeatures { return try dump(with: cleaner) }
        if explain {
            if bulkOptions.asksForBulkOutput {
                throw CLIError.usage("--explain shows plain-text documents on standard output; it does not combine with -o, --stats-json or --format \(bulkOptions.format?.rawValue ?? "")")
            }
            return try explainDocuments(with: cleaner)
        }
        try cleanInBulk(with: cleaner)
    }

    /// Every mode but `--explain`: the bulk runner, which also serves one file or stdin.
    private func cleanInBulk(with cleaner: Cleaner) throws {
        let inputs = files.isEmpty ? ["-"] : files
        let configuration = bulkOptions.configuration(nullSeparated: nullSeparated)
        let showProgress = !bulkOptions.quiet && isatty(2) == 1
        let runner = BulkRunner(cleaner: cleaner, configuration: configuration, showProgress: showProgress) { message in
            printError(message)
        }
        do {
            try runner.prepare(inputs: inputs)
        } catch {
            throw CLIError.usage(error.description)
        }
        let report = runner.run(inputs: inputs)

        printWarnings(report.statistics)
        if stats { printError(report.table()) }
        if let path = bulkOptions.statsJSON {
            do {
                try StatisticsFile.write(report.json(), to: path)
            } catch {
                throw CLIError.failure("cannot write statistics: \(error)")
            }
        }
        if report.failed {
            if report.failures.count > 1 {
                throw CLIError.failure("\(report.failures.count) failures (each named above)")
            }
            throw CLIError.exit(.failure)
        }
        if report.recordsSkipped > 0 {
            throw CLIError(status: .skippedRecords,
                           message: "skipped \(report.recordsSkipped) malformed record\(report.recordsSkipped == 1 ? "" : "s")")
        }
    }

    /// `--explain`: each document with its removals marked, on standard output.
    private func explainDocuments(with cleaner: Cleaner) throws {
        let inputs = files.isEmpty ? ["-"] : files
        let output = OutputWriter(fd: 1)
        let explainer = ExplainPrinter(color: color.enabled(forDescriptor: 1), showHeaders: inputs.count > 1)
        var statistics = CleaningStatistics()
        var readFailures = 0

        do {
            for input in inputs {
                let bytes: [UInt8]
                do {
                    bytes = try FileBytes.read(path: input, maximumBytes: bulkOptions.maximumDocumentBytes)
                } catch {
                    printError("pare: \(error)")
                    readFailures += 1
                    continue
                }
                let name = input == "-" ? "<stdin>" : input
                let documents = nullSeparated ? NullSeparated.documents(in: bytes) : [bytes[...]]
                for document in documents {
                    let result = cleaner.cleanWithReport(bytes: Array(document))
                    statistics.add(result, inputBytes: document.count)
                    try output.write(explainer.render(result, name: name))
                    if nullSeparated { try output.write([0]) }
                }
            }
            try output.flush()
        } catch {
            if let failure = error.cliError { throw failure }
            return
        }

        printWarnings(statistics)
        if stats {
            printError("pare: \(statistics.documents) document\(statistics.documents == 1 ? "" : "s"), \(statistics.bytesIn) bytes in, \(statistics.bytesOut) bytes out\n" + statistics.table())
        }
        if readFailures > 0 {
            throw CLIError.failure("\(readFailures) input\(readFailures == 1 ? "" : "s") could not be read")
        }
    }
}

extension CleanCommand {
    /// One warning per rule that hit a PCRE2 limit, and one for documents left at the
    /// settling-round cap: neither is an error, but neither may pass silently.
    private func printWarnings(_ statistics: CleaningStatistics) {
        for (rule, count) in statistics.limitHits.sorted(by: { $0.key < $1.key }) {
            printError("pare: warning: rule \(rule) hit a PCRE2 match limit on \(count) line\(count == 1 ? "" : "s"); those lines were kept")
        }
        let capped = statistics.settlingCapHits
        if capped > 0 {
            printError("pare: warning: \(capped) document\(capped == 1 ? "" : "s") still lost lines after \(CleaningResult.maximumSettlingRounds) rounds of the page-dependent stages; cleaning the output again may remove more")
        }
    }

    /// `--dump-line-features`: DOCINDEX, UNITINDEX, the features and the probability,
    /// tab-separated, documents numbered from 0 across all inputs.
    private func dump(with cleaner: Cleaner) throws {
        let output = OutputWriter(fd: 1)
        var index = 0
        for input in files.isEmpty ? ["-"] : files {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(path: input)
            } catch {
                throw CLIError.failure("\(error)")
            }
            let documents = nullSeparated ? NullSeparated.documents(in: bytes) : [bytes[...]]
            for document in documents {
                var text = ""
                // Double's description is the shortest round-trip form, as Python's repr.
                for (unit, row) in cleaner.lineClassifierRows(bytes: Array(document)).enumerated() {
                    text += "\(index)\t\(unit)"
                    for value in row { text += "\t\(value)" }
                    text += "\n"
                }
                do {
                    try output.write(Array(text.utf8))
                } catch {
                    if let failure = error.cliError { throw failure }
                    return
                }
                index += 1
            }
        }
        do {
            try output.flush()
        } catch {
            if let failure = error.cliError { throw failure }
        }
    }
}

/// `-z` input: documents separated by NUL bytes, as `grep -z` and `sort -z` write them.
enum NullSeparated {
    /// The documents in `bytes`. A final NUL ends the last document rather than
    /// starting an empty one; empty input holds no document.
    static func documents(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !bytes.isEmpty else { return [] }
        var parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
        if bytes.last == 0 { parts.removeLast() }
        return parts
    }
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(forDescriptor fd: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(fd) == 1 && getenv("NO_COLOR") == nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
