import Testing
@testable import PareBulk

/// Inputs the fuzz targets in Fuzz/ found to break an invariant, each reduced to the
/// point; the original inputs are in Fuzz/Corpus/ so that fuzzing starts from them.
@Suite("Fuzz regressions (PareBulk)")
struct FuzzRegressionTests {
    private func records(_ text: String) throws -> [WARCRecord] {
        let reader = WARCReader(source: MemorySource(text), path: "fuzz.wet")
        var records: [WARCRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Fuzz/Corpus/wet/regression-folded-empty-value.warc.wet: a header with an empty
    /// value continued on the next line read as " CC-MAIN…", with a leading space,
    /// so the record changed when written back and read again.
    @Test func foldedContinuationOfAnEmptyValue() throws {
        let text = "WARC/1.0\r\nWARC-Filename:\r\n CC-MAIN-00000.warc.wet.gz\r\nX-Blank: a\r\n \t\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
        let read = try records(text)
        #expect(read.count == 1)
        #expect(read.first?.stringValue(forHeader: "WARC-Filename") == "CC-MAIN-00000.warc.wet.gz")
        // A blank continuation adds nothing, not a trailing space.
        #expect(read.first?.stringValue(forHeader: "X-Blank") == "a")

        var written: [UInt8] = []
        for record in read { WARCWriter.append(record, to: &written) }
        let reread = try records(String(decoding: written, as: UTF8.self))
        #expect(reread.map(\.headers) == read.map(\.headers))
    }
}
