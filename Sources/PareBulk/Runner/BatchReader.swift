/// Reads one input's records into batches for the workers.
///
/// Only the framing is done here (finding line ends, WARC record bounds), on the
/// reading thread; parsing JSON, cleaning and serialising happen in the workers.
final class BatchReader {
    private enum Framing {
        /// The whole input is one document.
        case wholeText
        /// Records separated by a byte: LF for JSONL, NUL for `-z` text.
        case lines(LineReader, DocumentFormat)
        case warc(WARCReader)
    }

    private let framing: Framing
    private let source: any ByteSource
    private let inputName: String
    private let configuration: BulkConfiguration
    private let outputCompression: CompressionFormat
    private var finished = false
    /// An error met while a batch was being filled: the batch goes out first, the
    /// error with the next call.
    private var deferredError: RecordReadError?

    init(format: DocumentFormat, source: any ByteSource, inputName: String,
         configuration: BulkConfiguration, outputCompression: CompressionFormat) {
        self.outputCompression = outputCompression
        self.source = source
        self.inputName = inputName
        self.configuration = configuration
        switch format {
        case .text where !configuration.nullSeparated:
            framing = .wholeText
        case .text:
            framing = .lines(LineReader(source: source, path: inputName,
                                        maximumLineBytes: configuration.maximumRecordBytes, separator: 0), .text)
        case .jsonl:
            framing = .lines(LineReader(source: source, path: inputName,
                                        maximumLineBytes: configuration.maximumRecordBytes), .jsonl)
        case .wet:
            framing = .warc(WARCReader(source: source, path: inputName,
                                       maximumRecordBytes: configuration.maximumRecordBytes))
        }
    }

    /// The next batch, or nil when the input is done.
    ///
    /// - Throws: ``RecordReadError``: `.io` when the input cannot be read or a whole
    ///   text document exceeds ``BulkConfiguration/maximumDocumentBytes`` (the input
    ///   failed); `.malformed` for a record that cannot be framed, unless the policy
    ///   is to skip and the format can go on after it.
    func nextBatch() throws(RecordReadError) -> RecordBatch? {
        var batch = try nextUncompressedBatch()
        batch?.outputCompression = outputCompression
        return batch
    }

    private func nextUncompressedBatch() throws(RecordReadError) -> RecordBatch? {
        if let error = deferredError {
            deferredError = nil
            finished = true
            throw error
        }
        guard !finished else { return nil }
        switch framing {
        case .wholeText:
            finished = true
            return try wholeTextBatch()
        case .lines(let reader, let format):
            return try lineBatch(reader, format: format)
        case .warc(let reader):
            return try warcBatch(reader)
        }
    }

    private func wholeTextBatch() throws(RecordReadError) -> RecordBatch {
        var storage: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var readError: BulkIOError?
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                do throws(BulkIOError) {
                    return try source.read(into: buffer)
                } catch {
                    readError = error
                    return 0
                }
            }
            if let readError { throw .io(readError) }
            if count == 0 { break }
            if storage.count + count > configuration.maximumDocumentBytes {
                // The input fails alone, like an unreadable one: it is not a bad record
                // among others, so it must not stop the run (`--on-error stop`) and
                // leave the inputs after it uncleaned.
                throw .io(BulkIOError(
                    .read, path: inputName,
                    message: "document larger than \(configuration.maximumDocumentBytes) bytes; split it (e.g. into NUL-separated documents with -z, or JSONL)"))
            }
            storage.append(contentsOf: chunk[0..<count])
            // Read bigger chunks as the document grows: fewer system calls.
            if storage.count >= chunk.count * 8 && chunk.count < 1 << 22 {
                chunk = [UInt8](repeating: 0, count: chunk.count * 4)
            }
        }
        let count = storage.count
        return RecordBatch(inputName: inputName,
                           payload: .text(storage: storage, ranges: [0..<count], terminated: false))
    }

    private func lineBatch(_ reader: LineReader, format: DocumentFormat) throws(RecordReadError) -> RecordBatch? {
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        var firstLine = 0
        var skipped = 0
        var firstSkipped: MalformedRecord?
        while storage.count < configuration.batchBytes {
            let line: UnsafeRawBufferPointer?
            do {
                line = try reader.nextLine()
            } catch {
                if case .malformed(let record) = error, configuration.onError == .skip {
                    // The reader can go on after an over-long line.
                    skipped += 1
                    if firstSkipped == nil { firstSkipped = record }
                    continue
                }
                if ranges.isEmpty && skipped == 0 { finished = true; throw error }
                deferredError = error
                break
            }
            guard let line else {
                finished = true
                break
            }
            if ranges.isEmpty { firstLine = reader.lineNumber }
            let start = storage.count
            storage.append(contentsOf: line)
            ranges.append(start..<storage.count)
        }
        if ranges.isEmpty && skipped == 0 { return nil }
        let payload: RecordBatch.Payload = format == .jsonl
            ? .jsonl(storage: storage, ranges: ranges, firstLine: firstLine)
            : .text(storage: storage, ranges: ranges, terminated: true)
        var batch = RecordBatch(inputName: inputName, payload: payload)
        batch.skippedWhileReading = skipped
        batch.firstSkippedWhileReading = firstSkipped
        return batch
    }

    private func warcBatch(_ reader: WARCReader) throws(RecordReadError) -> RecordBatch? {
        var records: [WARCRecord] = []
        var bytes = 0
        while bytes < configuration.batchBytes {
            let record: WARCRecord?
            do {
                record = try reader.next()
            } catch {
                // A WARC record that cannot be framed leaves the reader off any
                // record boundary: the rest of the file cannot be read reliably.
                if records.isEmpty { finished = true; throw error }
                deferredError = error
                break
            }
            guard let record else {
                finished = true
                break
            }
            bytes += record.body.count + 64 * record.headers.count
            records.append(record)
        }
        if records.isEmpty { return nil }
        return RecordBatch(inputName: inputName, payload: .warc(records))
    }
}
