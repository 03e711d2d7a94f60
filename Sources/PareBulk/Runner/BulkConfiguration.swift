/// How a bulk run reads, cleans and writes its inputs.
public struct BulkConfiguration: Sendable {
    /// The inputs' format; nil means inferred from each input's name (text for stdin).
    public var format: DocumentFormat?
    /// Text format only: inputs hold many documents separated by NUL bytes, and each
    /// output document ends with a NUL.
    public var nullSeparated = false
    /// JSONL: the field holding the text to clean.
    public var field = "text"
    /// JSONL: the field holding the page's URL.
    public var urlField = "url"
    /// Leave out records whose cleaned text is empty (by default they are kept with
    /// empty text, so that records in = records out).
    public var dropEmpty = false
    /// Write each input's result to this directory under the input's name; nil writes
    /// everything to standard output in input order.
    public var outputDirectory: String?
    /// With `outputDirectory`: skip inputs whose output already exists.
    public var resume = false
    /// Worker threads cleaning batches.
    public var jobs = 1
    /// A batch closes once it holds this many bytes of input records; the unit of
    /// parallel work and (times the number of batches in flight) of memory use.
    public var batchBytes = 1 << 20
    /// What to do with a record that cannot be read.
    public var onError: RecordErrorPolicy = .stop
    /// The largest record (JSON line, WARC record, NUL-separated document) read; a
    /// larger one is a malformed record.
    public var maximumRecordBytes = 1 << 30
    /// The largest whole-file text document read into memory.
    public var maximumDocumentBytes = 1 << 30

    public init() {}

    /// How many batches may be read ahead of the one being written: enough to keep
    /// every worker busy while the writer waits for the oldest. Batches take from a
    /// fraction to several times the mean to clean, so with two per worker a slow one
    /// held the other worker idle: `-j 2` ran 1.6–1.7× `-j 1`; with four per worker
    /// 1.84× (dev set ×3 in `-z`, 2026-11-25), for 10 MB more resident memory.
    var batchesInFlight: Int { max(2, jobs * 4 + 2) }
}
