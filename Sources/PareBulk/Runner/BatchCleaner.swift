import Pare

/// A worker's job: clean every document of a batch and serialise the records for
/// output, in order.
struct BatchCleaner {
    let cleaner: Cleaner
    let configuration: BulkConfiguration

    func clean(_ batch: RecordBatch) -> BatchResult {
        var result = BatchResult()
        result.recordsSkipped = batch.skippedWhileReading
        result.firstSkipped = batch.firstSkippedWhileReading
        switch batch.payload {
        case .text(let storage, let ranges, let terminated):
            cleanText(storage, ranges, terminated: terminated, into: &result)
        case .jsonl(let storage, let ranges, let firstLine):
            cleanJSONL(storage, ranges, firstLine: firstLine, name: batch.inputName, into: &result)
        case .warc(let records):
            cleanWARC(records, into: &result)
        }
        if batch.outputCompression != .none && !result.output.isEmpty {
            result.output = BlockCompressor.compress(result.output, format: batch.outputCompression)
        }
        return result
    }

    private func cleanText(_ storage: [UInt8], _ ranges: [Range<Int>], terminated: Bool, into result: inout BatchResult) {
        // The cleaned pages are at most about as long as the batch: room for them at
        // once, rather than the output growing (and being copied) a dozen times.
        result.output.reserveCapacity(result.output.count + storage.count + ranges.count)
        for range in ranges {
            result.recordsIn += 1
            let cleaned = cleaner.clean(bytes: Array(storage[range]), statistics: &result.statistics)
            if terminated && configuration.dropEmpty && cleaned.isEmpty {
                result.recordsDropped += 1
                continue
            }
            result.output.append(contentsOf: cleaned)
            if terminated { result.output.append(0) }
            result.recordsOut += 1
        }
    }

    private func cleanJSONL(_ storage: [UInt8], _ ranges: [Range<Int>], firstLine: Int, name: String,
                            into result: inout BatchResult) {
        let field = Array(configuration.field.utf8)
        // The URL is only looked up when some rule is scoped to URLs.
        let urlField = cleaner.hasURLScopedRules ? Array(configuration.urlField.utf8) : nil
        var text: [UInt8] = []
        var url: [UInt8] = []
        storage.withUnsafeBytes { all in
            for (offset, range) in ranges.enumerated() {
                let line = UnsafeRawBufferPointer(rebasing: all[range])
                let fields: JSONLineFields
                do throws(JSONLineError) {
                    fields = try JSONLine.scan(line, field: field, urlField: urlField)
                } catch .emptyLine {
                    // A blank line holds no record; it is passed on as it is so that
                    // line numbers stay aligned. Not counted as a record.
                    result.output.append(contentsOf: line)
                    result.output.append(0x0A)
                    continue
                } catch {
                    result.recordsIn += 1
                    let problem = MalformedRecord(path: name, line: firstLine + offset, message: error.description)
                    if configuration.onError == .stop {
                        result.failure = problem
                        return
                    }
                    result.recordsSkipped += 1
                    if result.firstSkipped == nil { result.firstSkipped = problem }
                    continue
                }
                result.recordsIn += 1
                text.removeAll(keepingCapacity: true)
                JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: line[fields.field]), into: &text)
                var pageURL: [UInt8]?
                if let range = fields.url {
                    url.removeAll(keepingCapacity: true)
                    JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: line[range]), into: &url)
                    pageURL = url
                }
                let cleaned = cleaner.clean(bytes: text, url: pageURL, statistics: &result.statistics)
                if configuration.dropEmpty && cleaned.isEmpty {
                    result.recordsDropped += 1
                    continue
                }
                JSONLine.replacingValue(in: line, range: fields.field, withEncoded: cleaned, into: &result.output)
                result.output.append(0x0A)
                result.recordsOut += 1
            }
        }
    }

    private func cleanWARC(_ records: [WARCRecord], into result: inout BatchResult) {
        for record in records {
            result.recordsIn += 1
            guard record.type == "conversion" else {
                WARCWriter.append(record, to: &result.output)
                result.recordsOut += 1
                continue
            }
            let url = cleaner.hasURLScopedRules ? record.value(forHeader: "WARC-Target-URI") : nil
            let cleaned = cleaner.clean(bytes: record.body, url: url, statistics: &result.statistics)
            if configuration.dropEmpty && cleaned.isEmpty {
                result.recordsDropped += 1
                continue
            }
            WARCWriter.append(record, newBody: cleaned, to: &result.output)
            result.recordsOut += 1
        }
    }
}
