import ArgumentParser
import PareBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for cleaning many documents: formats, output directory, workers, progress,
/// statistics and bad records.
struct BulkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input format: text, jsonl or wet (default: from each file's name: .jsonl, .wet, .warc.wet, with or without .gz/.zst; text otherwise).",
                               valueName: "FORMAT"))
    var format: DocumentFormat?

    @Option(help: ArgumentHelp("JSONL: the field holding the text to clean.", valueName: "NAME"))
    var field = "text"

    @Option(name: .customLong("url-field"), help: ArgumentHelp("JSONL: the field holding the page's URL.", valueName: "NAME"))
    var urlField = "url"

    @Flag(name: .customLong("drop-empty"), help: "Leave out records whose cleaned text is empty (by default they are kept, with empty text).")
    var dropEmpty = false

    @Option(name: [.customShort("o"), .customLong("output-dir")],
            help: ArgumentHelp("Write each input's result to DIR under the same name (compressed as its extension says); each file appears only when complete.",
                               valueName: "DIR"))
    var outputDirectory: String?

    @Flag(help: "With -o: skip inputs whose output already exists.")
    var resume = false

    @Option(name: [.customShort("j"), .customLong("jobs")],
            help: ArgumentHelp("Worker threads (default: the number of cores). Output is the same for any number.", valueName: "N"))
    var jobs: Int?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line on standard error.")
    var quiet = false

    @Option(name: .customLong("stats-json"), help: ArgumentHelp("Write the run's statistics as JSON to FILE.", valueName: "FILE"))
    var statsJSON: String?

    @Option(name: .customLong("on-error"),
            help: ArgumentHelp("A malformed JSON line or WARC record: stop (exit 1) or skip it, count it and end with exit 3.", valueName: "POLICY"))
    var onError: RecordErrorPolicy = .stop

    // For tests and tuning: small batches exercise ordering across many batches.
    @Option(name: .customLong("batch-bytes"), help: ArgumentHelp("Bytes of input records per batch of work.", visibility: .hidden))
    var batchBytes: Int?

    // For tests: what happens past the 1 GiB caps, without a gigabyte of input.
    @Option(name: .customLong("max-record-bytes"),
            help: ArgumentHelp("The largest record, NUL-separated document or whole-file document read.", visibility: .hidden))
    var maximumRecordBytes: Int?

    /// The largest document held in memory: a whole text file (also with --explain),
    /// a NUL-separated document, a JSON line, a WARC record.
    var maximumDocumentBytes: Int { maximumRecordBytes ?? BulkConfiguration().maximumDocumentBytes }

    func validate() throws {
        if let batchBytes, batchBytes < 1 { throw ValidationError("--batch-bytes must be at least 1") }
        if let maximumRecordBytes, maximumRecordBytes < 1 { throw ValidationError("--max-record-bytes must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resume && outputDirectory == nil { throw ValidationError("--resume needs -o/--output-dir") }
    }

    /// The bulk configuration these options describe.
    func configuration(nullSeparated: Bool) -> BulkConfiguration {
        var configuration = BulkConfiguration()
        configuration.format = format
        configuration.nullSeparated = nullSeparated
        configuration.field = field
        configuration.urlField = urlField
        configuration.dropEmpty = dropEmpty
        configuration.outputDirectory = outputDirectory
        configuration.resume = resume
        configuration.jobs = jobs ?? Self.cores
        configuration.onError = onError
        if let batchBytes { configuration.batchBytes = batchBytes }
        if let maximumRecordBytes {
            configuration.maximumRecordBytes = maximumRecordBytes
            configuration.maximumDocumentBytes = maximumRecordBytes
        }
        return configuration
    }

    /// Cores online, the default number of workers.
    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Whether options other than the defaults ask for bulk features that `--explain`
    /// cannot honour.
    var asksForBulkOutput: Bool { outputDirectory != nil || statsJSON != nil || (format != nil && format != .text) }
}

extension DocumentFormat: ExpressibleByArgument {}
extension RecordErrorPolicy: ExpressibleByArgument {}
