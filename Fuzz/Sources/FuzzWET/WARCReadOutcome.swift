import PareBulk

/// Everything a ``WARCReader`` made of one stream: the records up to the first error,
/// and that error. After a malformed record the reader is off any record boundary, so
/// reading stops there, as the bulk runner does.
struct WARCReadOutcome: Equatable {
    var records: [WARCRecord] = []
    var error: RecordReadError?

    init(_ source: any ByteSource, maximumRecordBytes: Int) {
        let reader = WARCReader(source: source, path: "fuzz.wet", maximumRecordBytes: maximumRecordBytes)
        while true {
            do {
                guard let record = try reader.next() else { return }
                records.append(record)
            } catch {
                self.error = error
                return
            }
        }
    }
}
