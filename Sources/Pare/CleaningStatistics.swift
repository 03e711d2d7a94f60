/// Totals over many cleaned documents: what went in and out, and what each rule and
/// stage removed. Cheap to keep on the hot path (no strings are built per removal) and
/// mergeable, so parallel workers can each keep one and add them up at the end.
public struct CleaningStatistics: Sendable, Equatable {
    /// What one rule (or heuristic) removed.
    public struct RuleCounts: Sendable, Equatable {
        /// Whole lines removed.
        public var lines = 0
        /// Spans removed from inside lines.
        public var spans = 0
        /// Bytes removed, whole lines and spans together (line ends not counted).
        public var bytes = 0

        public init(lines: Int = 0, spans: Int = 0, bytes: Int = 0) {
            self.lines = lines
            self.spans = spans
            self.bytes = bytes
        }

        mutating func add(_ other: RuleCounts) {
            lines += other.lines
            spans += other.spans
            bytes += other.bytes
        }
    }

    /// Documents cleaned.
    public var documents = 0
    /// Documents whose cleaned text is empty (or only whitespace was left).
    public var emptyDocuments = 0
    /// Bytes of text cleaned (the documents' text only, not the records around them).
    public var bytesIn = 0
    /// Bytes of cleaned text.
    public var bytesOut = 0
    /// Removals per rule id.
    public var perRule: [String: RuleCounts] = [:]
    /// Whole lines removed per pipeline stage.
    public var linesPerStage: [String: Int] = [:]
    /// Lines where a PCRE2 limit kept a rule from deciding (the lines were kept), per rule id.
    public var limitHits: [String: Int] = [:]
    /// Documents whose page-dependent stages were still removing lines at the cap of
    /// ``CleaningResult/maximumSettlingRounds`` rounds: cleaning their output again may
    /// remove more.
    public var settlingCapHits = 0

    public init() {}

    /// Adds another set of totals to these.
    public mutating func merge(_ other: CleaningStatistics) {
        documents += other.documents
        emptyDocuments += other.emptyDocuments
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        perRule.merge(other.perRule) { a, b in
            var sum = a
            sum.add(b)
            return sum
        }
        linesPerStage.merge(other.linesPerStage, uniquingKeysWith: +)
        limitHits.merge(other.limitHits, uniquingKeysWith: +)
        settlingCapHits += other.settlingCapHits
    }

    /// Counts one document cleaned with a report (``Cleaner/cleanWithReport(bytes:)``).
    public mutating func add(_ result: CleaningResult, inputBytes: Int) {
        documents += 1
        if result.bytes.isEmpty { emptyDocuments += 1 }
        bytesIn += inputBytes
        bytesOut += result.bytes.count
        tally(result.removals) { ($0.ruleID, $0.stage, $0.span != nil, $0.text.utf8.count) }
        limitHits.merge(result.limitHits, uniquingKeysWith: +)
        if result.reachedSettlingCap { settlingCapHits += 1 }
    }

    /// What each rule and stage removed, as a plain table for a terminal: one row per
    /// rule (most lines first), then lines removed per stage, then PCRE2 limit hits and
    /// documents at the settling-round cap, if any.
    public func table() -> String {
        let width = max(24, perRule.keys.map(\.count).max() ?? 0)
        var text = Self.pad("rule", width) + "  lines  spans    bytes\n"
        for (rule, counts) in perRule.sorted(by: { ($0.value.lines, $1.key) > ($1.value.lines, $0.key) }) {
            text += Self.pad(rule, width) + Self.leftPad(String(counts.lines), 7) + Self.leftPad(String(counts.spans), 7)
                + Self.leftPad(String(counts.bytes), 9) + "\n"
        }
        text += "lines removed by stage:"
        for (stage, count) in linesPerStage.sorted(by: { $0.key < $1.key }) { text += " \(stage)=\(count)" }
        if !limitHits.isEmpty {
            text += "\nPCRE2 limit hits (lines kept):"
            for (rule, count) in limitHits.sorted(by: { $0.key < $1.key }) { text += " \(rule)=\(count)" }
        }
        if settlingCapHits > 0 {
            text += "\ndocuments at the settling-round cap (cleaning them again may remove more): \(settlingCapHits)"
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Counts one cleaned document.
    mutating func add(_ document: Document, inputBytes: Int, outputBytes: Int) {
        documents += 1
        if outputBytes == 0 { emptyDocuments += 1 }
        bytesIn += inputBytes
        bytesOut += outputBytes
        tally(document.removals) { record in
            let bytes = record.span?.count ?? document.lines[record.line].end - document.lines[record.line].start
            return (record.ruleID, record.stage, record.span != nil, bytes)
        }
        limitHits.merge(document.limitHits, uniquingKeysWith: +)
        if document.reachedSettlingCap { settlingCapHits += 1 }
    }

    /// Adds `removals` to the per-rule and per-stage tables; `describe` gives each
    /// one's rule, stage, whether it is a span, and its bytes. Removals come in runs of
    /// one rule (a menu, a tail cut): each run is added up first and goes into the
    /// tables once, as a hash of the rule id per removal was a few percent of a whole
    /// run.
    private mutating func tally<Removals: Sequence>(
        _ removals: Removals,
        _ describe: (Removals.Element) -> (rule: String, stage: String, isSpan: Bool, bytes: Int)
    ) {
        var rule = "", stage = ""
        var counts = RuleCounts(), stageLines = 0
        for removal in removals {
            let (removalRule, removalStage, isSpan, bytes) = describe(removal)
            if removalRule != rule {
                if counts != RuleCounts() { perRule[rule, default: RuleCounts()].add(counts) }
                rule = removalRule
                counts = RuleCounts()
            }
            if removalStage != stage {
                if stageLines > 0 { linesPerStage[stage, default: 0] += stageLines }
                stage = removalStage
                stageLines = 0
            }
            if isSpan {
                counts.spans += 1
            } else {
                counts.lines += 1
                stageLines += 1
            }
            counts.bytes += bytes
        }
        if counts != RuleCounts() { perRule[rule, default: RuleCounts()].add(counts) }
        if stageLines > 0 { linesPerStage[stage, default: 0] += stageLines }
    }
}
