import Pare

/// What a bulk run did: totals, and what went wrong.
public struct BulkRunReport: Sendable {
    /// Inputs fully processed (their output complete).
    public var inputsDone = 0
    /// Inputs skipped because their output already existed (`resume`).
    public var inputsResumed = 0
    /// Inputs that failed (unreadable, corrupt stream, output not writable): each
    /// message names the file.
    public var failures: [String] = []
    /// Records read, of every kind.
    public var recordsIn = 0
    /// Records written.
    public var recordsOut = 0
    /// Records left out as empty after cleaning (`dropEmpty`).
    public var recordsDropped = 0
    /// Bad records skipped (`RecordErrorPolicy.skip`).
    public var recordsSkipped = 0
    /// The bad record that stopped the run (`RecordErrorPolicy.stop`).
    public var stoppedAt: MalformedRecord?
    /// Standard output was closed by its reader (`pare … | head`): the run stopped
    /// early, which for a filter is not an error.
    public var outputClosed = false
    /// Bytes read from the input files (compressed, as stored).
    public var inputFileBytes = 0
    /// What was cleaned and removed.
    public var statistics = CleaningStatistics()

    public init() {}

    /// The run stopped on an error or some input failed.
    public var failed: Bool { stoppedAt != nil || !failures.isEmpty }

    mutating func add(_ result: BatchResult) {
        recordsIn += result.recordsIn
        recordsOut += result.recordsOut
        recordsDropped += result.recordsDropped
        recordsSkipped += result.recordsSkipped
        statistics.merge(result.statistics)
    }
}

extension BulkRunReport {
    /// The report as a JSON object (keys in a fixed order), for `--stats-json`.
    public func json() -> String {
        var out = "{\n"
        func field(_ name: String, _ value: String, last: Bool = false) {
            out += "  \(JSONText.quoted(name)): \(value)\(last ? "" : ",")\n"
        }
        let s = statistics
        field("inputs_done", "\(inputsDone)")
        field("inputs_resumed", "\(inputsResumed)")
        field("inputs_failed", "\(failures.count)")
        field("records_in", "\(recordsIn)")
        field("records_out", "\(recordsOut)")
        field("records_dropped_empty", "\(recordsDropped)")
        field("records_skipped", "\(recordsSkipped)")
        field("documents", "\(s.documents)")
        field("documents_empty", "\(s.emptyDocuments)")
        field("input_file_bytes", "\(inputFileBytes)")
        field("text_bytes_in", "\(s.bytesIn)")
        field("text_bytes_out", "\(s.bytesOut)")
        var rules = "{"
        for (index, (rule, counts)) in s.perRule.sorted(by: { $0.key < $1.key }).enumerated() {
            rules += (index == 0 ? "\n" : ",\n")
            rules += "    \(JSONText.quoted(rule)): {\"lines\": \(counts.lines), \"spans\": \(counts.spans), \"bytes\": \(counts.bytes)}"
        }
        rules += s.perRule.isEmpty ? "}" : "\n  }"
        field("removed_by_rule", rules)
        field("lines_removed_by_stage", JSONText.object(s.linesPerStage))
        field("pcre2_limit_hits", JSONText.object(s.limitHits))
        field("settling_cap_hits", "\(s.settlingCapHits)")
        field("failures", "[" + failures.map(JSONText.quoted).joined(separator: ", ") + "]")
        field("stopped_at", stoppedAt.map { JSONText.quoted($0.description) } ?? "null", last: true)
        out += "}\n"
        return out
    }

    /// The report as a plain table, for `--stats` on standard error.
    public func table() -> String {
        let s = statistics
        var text = "pare: \(recordsIn) record\(recordsIn == 1 ? "" : "s") in, \(recordsOut) out"
        if recordsDropped > 0 { text += ", \(recordsDropped) dropped as empty" }
        if recordsSkipped > 0 { text += ", \(recordsSkipped) skipped as malformed" }
        text += "; \(s.documents) document\(s.documents == 1 ? "" : "s") cleaned, \(s.bytesIn) bytes of text in, \(s.bytesOut) out\n"
        return text + s.table()
    }
}

/// Small JSON text helpers for reports (not the record codec: these build strings).
enum JSONText {
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONLine.appendEncodedString(Array(text.utf8), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func object(_ counts: [String: Int]) -> String {
        "{" + counts.sorted(by: { $0.key < $1.key }).map { "\(quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
