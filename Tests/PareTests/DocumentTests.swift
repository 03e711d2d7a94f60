import Testing
@testable import Pare

@Suite("Document")
struct DocumentTests {
    /// Each kept line once, in order, as printed: removed lines skipped, removed
    /// spans and trailing spaces cut, the same text `withVisibleText` gives.
    @Test func forEachKeptLineGivesTheKeptLinesAsPrinted() {
        var document = Document(bytes: Array("one  \nAdvertisement\nthree [ad] four \n\nfive".utf8))
        document.removeLine(1, rule: "t.ad", stage: "test")
        let start = document.lines[2].start
        document.removeSpan((start + 6)..<(start + 11), inLine: 2, rule: "t.span", stage: "test")
        var seen: [(Int, String)] = []
        document.forEachKeptLine { index, text in seen.append((index, String(decoding: text, as: UTF8.self))) }
        #expect(seen.map(\.0) == [0, 2, 3, 4])
        #expect(seen.map(\.1) == ["one", "three four", "", "five"])
        for (index, text) in seen {
            #expect(document.withVisibleText(ofLine: index) { String(decoding: $0, as: UTF8.self) } == text)
        }
    }
}
