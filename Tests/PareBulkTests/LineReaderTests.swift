import PareTestSupport
import Testing
@testable import PareBulk

@Suite("Line reader")
struct LineReaderTests {
    /// All lines with their numbers and offsets, read from `source`.
    func readAll(_ reader: LineReader) throws -> [(text: [UInt8], number: Int, offset: Int)] {
        var lines: [(text: [UInt8], number: Int, offset: Int)] = []
        while let line = try reader.nextLine() {
            lines.append((Array(line), reader.lineNumber, reader.byteOffset))
        }
        return lines
    }

    func texts(_ input: String, bufferSize: Int = 1 << 18) throws -> [String] {
        let reader = LineReader(source: MemorySource(input), path: "t.txt", bufferSize: bufferSize)
        return try readAll(reader).map { String(decoding: $0.text, as: UTF8.self) }
    }

    @Test func splitsAtLFAndKeepsEmptyLines() throws {
        #expect(try texts("a\n\nbc\n") == ["a", "", "bc"])
    }

    @Test func finalLineWithoutLFIsReturned() throws {
        #expect(try texts("a\nlast") == ["a", "last"])
        #expect(try texts("a\nlast\n") == ["a", "last"])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try texts("") == [])
        #expect(try texts("\n") == [""])
    }

    @Test func carriageReturnIsKept() throws {
        #expect(try texts("a\r\nb\r\n\r\n") == ["a\r", "b\r", "\r"])
    }

    @Test func lineNumbersAndOffsetsCountFromTheStream() throws {
        let reader = LineReader(source: MemorySource("one\n\ntwo\nthree"), path: "t.txt", bufferSize: 16)
        let lines = try readAll(reader)
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.map(\.offset) == [0, 4, 5, 9])
        #expect(try reader.nextLine() == nil)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func chunkBoundariesDoNotMatter(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var input: [UInt8] = []
        var expected: [[UInt8]] = []
        for _ in 0..<400 {
            let length = Int(random.next() % 70)
            let line = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next() % 200 + 11) }
                .map { $0 == 0x0A ? 0x0B : $0 }
            expected.append(line)
            input += line + [0x0A]
        }
        // A small buffer forces compaction and growth; 1–13 byte reads split lines,
        // CRLFs and multi-byte characters everywhere.
        let reader = LineReader(source: MemorySource(input, chunkSizes: 1...13, seed: seed),
                                path: "t.txt", bufferSize: 16)
        let lines = try readAll(reader)
        #expect(lines.map(\.text) == expected)
        var offset = 0
        for (index, line) in lines.enumerated() {
            #expect(line.number == index + 1)
            #expect(line.offset == offset)
            offset += line.text.count + 1
        }
    }

    @Test func longLinesGrowTheBuffer() throws {
        let long = String(repeating: "x", count: 100_000)
        #expect(try texts("a\n\(long)\nb", bufferSize: 16) == ["a", long, "b"])
    }

    @Test func overlongLineIsAnErrorAndReadingGoesOn() throws {
        let input = "short\n" + String(repeating: "y", count: 50) + "\nafter\n"
        for bufferSize in [16, 1 << 16] {
            let reader = LineReader(source: MemorySource(input, chunkSizes: 1...7), path: "data.jsonl",
                                    maximumLineBytes: 10, bufferSize: bufferSize)
            #expect(try reader.nextLine().map(Array.init) == Array("short".utf8))
            let error = malformedError { try reader.nextLine() }
            #expect(error?.line == 2)
            #expect(error?.byteOffset == 6)
            #expect(error?.description == "data.jsonl:2: line longer than 10 bytes")
            #expect(try reader.nextLine().map(Array.init) == Array("after".utf8))
            #expect(reader.lineNumber == 3)
            #expect(reader.byteOffset == 57)
            #expect(try reader.nextLine() == nil)
        }
    }

    @Test func overlongLastLineWithoutLF() throws {
        let reader = LineReader(source: MemorySource("ok\n" + String(repeating: "z", count: 40)),
                                path: "t", maximumLineBytes: 10, bufferSize: 16)
        #expect(try reader.nextLine() != nil)
        #expect(malformedError { try reader.nextLine() }?.line == 2)
        #expect(try reader.nextLine() == nil)
    }

    @Test func lineExactlyAtTheLimitIsAccepted() throws {
        let line = String(repeating: "q", count: 16)
        let reader = LineReader(source: MemorySource(line + "\n" + line), path: "t",
                                maximumLineBytes: 16, bufferSize: 16)
        #expect(try reader.nextLine()?.count == 16)
        #expect(try reader.nextLine()?.count == 16)
        #expect(try reader.nextLine() == nil)
    }

    @Test func otherSeparators() throws {
        let reader = LineReader(source: MemorySource("doc one\nstill one\0doc two\0"), path: "t",
                                separator: 0)
        let lines = try readAll(reader).map { String(decoding: $0.text, as: UTF8.self) }
        #expect(lines == ["doc one\nstill one", "doc two"])
    }

    @Test func sourceFailureIsAnIOError() throws {
        let reader = LineReader(source: FailingSource(after: Array("a\nb".utf8)), path: "t")
        #expect(try reader.nextLine().map(Array.init) == Array("a".utf8))
        #expect(throws: RecordReadError.io(BulkIOError(.corrupt, path: "broken.gz",
                                                        message: "invalid compressed data"))) {
            try reader.nextLine()
        }
    }
}
