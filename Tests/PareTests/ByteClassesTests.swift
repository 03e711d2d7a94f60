import Testing
@testable import Pare

@Suite("Byte classes")
struct ByteClassesTests {
    @Test func contentBytesCountsEveryByteThatIsNoSpace() {
        // White space of every kind the class knows, control bytes just below and
        // above it, and multi-byte characters, at every offset of the 8-byte words.
        let pieces: [[UInt8]] = [[0x20], [0x09], [0x0A], [0x0B], [0x0C], [0x0D], [0x00], [0x08], [0x0E], [0x1F],
                                 [0x21], [0x41], [0x7F], [0xC2, 0xA0], [0xE2, 0x80, 0xA2], [0xFF]]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let lower = Int.random(in: 0...bytes.count, using: &generator)
            let upper = Int.random(in: lower...bytes.count, using: &generator)
            let expected = bytes[lower..<upper].filter { !ByteClasses.isSpace($0) }.count
            bytes.withUnsafeBufferPointer { buffer in
                #expect(ByteClasses.contentBytes(buffer, lower..<upper) == expected, "\(bytes) \(lower)..<\(upper)")
            }
        }
    }
}
