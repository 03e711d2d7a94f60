import ArgumentParser
import Pare

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

    func run() throws {
        let cleaner = try ruleOptions.makeCleaner()
        let inputs = files.isEmpty ? ["-"] : files
        let output = OutputWriter(fd: 1)
        let explainer = explain ? ExplainPrinter(color: color.enabled(forDescriptor: 1), showHeaders: inputs.count > 1) : nil
        var statistics = RunStatistics()
        var readFailures = 0

        do {
            for input in inputs {
                let bytes: [UInt8]
                do {
                    bytes = try FileBytes.read(path: input)
                } catch {
                    printError("pare: \(error)")
                    readFailures += 1
                    continue
                }
                if explainer != nil || stats {
                    let result = cleaner.cleanWithReport(bytes: bytes)
                    statistics.add(result, inputBytes: bytes.count)
                    if let explainer {
                        try output.write(explainer.render(result, name: input == "-" ? "<stdin>" : input))
                    } else {
                        try output.write(result.bytes)
                    }
                } else {
                    let cleaned = cleaner.clean(bytes: bytes, limitHits: &statistics.limitHits)
                    try output.write(cleaned)
                }
            }
            try output.flush()
        } catch .closedPipe {
            // The reader went away (e.g. `| head`): that is how a filter ends, not an error.
            return
        } catch .system(let code) {
            throw CLIError.failure("cannot write output: \(String(cString: strerror(code)))")
        }

        for (rule, count) in statistics.limitHits.sorted(by: { $0.key < $1.key }) {
            printError("pare: warning: rule \(rule) hit a PCRE2 match limit on \(count) line\(count == 1 ? "" : "s"); those lines were kept")
        }
        if stats { printError(statistics.report()) }
        if readFailures > 0 {
            throw CLIError.failure("\(readFailures) input\(readFailures == 1 ? "" : "s") could not be read")
        }
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
