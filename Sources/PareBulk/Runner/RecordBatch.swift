import Pare

/// A run of records from one input, cleaned by one worker as a unit.
struct RecordBatch: @unchecked Sendable {
    // @unchecked: a batch is built by the reader, handed to exactly one worker and
    // never touched by the reader again.

    /// The records, still as read.
    enum Payload {
        /// Plain-text documents, each a range of `storage`. `terminated`: each output
        /// document ends with NUL (`-z`).
        case text(storage: [UInt8], ranges: [Range<Int>], terminated: Bool)
        /// JSON lines (without their LF), each a range of `storage`; the first is line
        /// `firstLine` (1-based) of its input.
        case jsonl(storage: [UInt8], ranges: [Range<Int>], firstLine: Int)
        /// WARC records.
        case warc([WARCRecord])
    }

    /// The input's name for messages.
    let inputName: String
    var payload: Payload
    /// How the worker compresses the batch's output (each batch one gzip member or
    /// zstd frame), so compression runs in parallel too.
    var outputCompression: CompressionFormat = .none
    /// Records the reader could not frame and skipped (`RecordErrorPolicy.skip`).
    var skippedWhileReading = 0
    var firstSkippedWhileReading: MalformedRecord?
}

/// What a worker made of a batch.
struct BatchResult: Sendable {
    /// The records to write, serialised (not yet compressed).
    var output: [UInt8] = []
    var statistics = CleaningStatistics()
    /// Records read (documents, JSON lines, WARC records of any type).
    var recordsIn = 0
    /// Records written.
    var recordsOut = 0
    /// Records left out because their cleaned text was empty (`dropEmpty`).
    var recordsDropped = 0
    /// Bad records skipped (`RecordErrorPolicy.skip`), and the first one's error.
    var recordsSkipped = 0
    var firstSkipped: MalformedRecord?
    /// With `RecordErrorPolicy.stop`: the bad record the batch stopped at; `output`
    /// holds the records before it.
    var failure: MalformedRecord?
}
