import Testing
@testable import Pare

@Suite("Line word counter")
struct LineWordCounterTests {
    /// The plain definition: tokens between white space that hold a word byte.
    static func reference(_ text: String) -> Int {
        text.utf8.split(whereSeparator: { ByteClasses.isSpace($0) })
            .filter { $0.contains(where: ByteClasses.isWordByte) }.count
    }

    @Test func boundsAskedInAnyOrderAgreeWithTheWholeCount() {
        // Pieces that make words, marks, spaces and multi-byte characters of both kinds.
        let pieces = ["a", "Zz", "7", " ", "  ", "\t", "*", "•", "»", "é", "日本", "-", "|", "\u{00A0}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            let words = Self.reference(text)
            let limits = (0..<4).map { _ in Int.random(in: 0...12, using: &generator) }
            Array(text.utf8).withUnsafeBufferPointer { line in
                var counter = LineWordCounter(line)
                for limit in limits {
                    let admits = counter.hasAtMost(limit)
                    #expect(admits == (words <= limit), "\(text.debugDescription) ≤ \(limit)")
                }
                let unbounded = counter.hasAtMost(Int.max)
                #expect(unbounded)
                let whole = counter.count()
                #expect(whole == words, "\(text.debugDescription)")
            }
        }
    }
}
