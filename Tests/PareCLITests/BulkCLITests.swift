import Foundation
import Testing

/// `pare` over corpora: JSONL, WET, NUL-separated text, compressed inputs, output
/// directories, workers, bad records.
@Suite("pare over corpora")
struct BulkCLITests {
    /// A page with boilerplate the default rules remove ("Advertisement", "Read next").
    static func page(_ n: Int) -> String {
        "Article \(n) opens with a sentence that carries the story forward.\nAdvertisement\nThe second paragraph of article \(n) explains what happened next.\nRead next: Something else entirely\n"
    }

    static func cleanedPage(_ n: Int) -> String {
        "Article \(n) opens with a sentence that carries the story forward.\nThe second paragraph of article \(n) explains what happened next.\n"
    }

    static func jsonlLine(_ n: Int, text: String? = nil) -> String {
        let object: [String: Any] = ["id": "doc-\(n)", "text": text ?? page(n), "url": "https://example.org/\(n)", "meta": ["n": n]]
        // Key order in the output must match the input: write the keys in a fixed,
        // unusual order by hand.
        let encoded = try! JSONSerialization.data(withJSONObject: object["text"]!, options: [.fragmentsAllowed])
        return "{\"id\":\"doc-\(n)\",\"meta\":{\"n\":\(n)},\"text\":\(String(decoding: encoded, as: UTF8.self)),\"url\":\"https://example.org/\(n)\",\"score\":0.5}"
    }

    static func parseLines(_ output: [UInt8]) throws -> [[String: Any]] {
        try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test func jsonlCleansTheTextFieldAndKeepsEverythingElse() throws {
        let input = (0..<5).map { Self.jsonlLine($0) }.joined(separator: "\n") + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let result = try PareProcess.run(["-q", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        for (n, line) in lines.enumerated() {
            let expected = Self.jsonlLine(n, text: Self.cleanedPage(n))
            #expect(String(line) == expected)
        }
    }

    @Test func jsonlRecordWhoseTextIsAllBoilerplateStaysWithEmptyText() throws {
        let input = Self.jsonlLine(1) + "\n" + Self.jsonlLine(2, text: "Advertisement\n") + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let kept = try PareProcess.run(["-q", file.path])
        let records = try Self.parseLines(kept.stdout)
        #expect(records.count == 2)
        #expect(records[1]["text"] as? String == "")
        #expect(records[1]["id"] as? String == "doc-2")
        let dropped = try PareProcess.run(["-q", "--drop-empty", file.path])
        #expect(try Self.parseLines(dropped.stdout).count == 1)
    }

    @Test func jsonlOtherFieldNameAndFormatFromTheOption() throws {
        let input = "{\"body\":\"Kept sentence of the body goes here.\\nAdvertisement\\n\",\"text\":\"Advertisement\"}\n"
        let result = try PareProcess.run(["-q", "--format", "jsonl", "--field", "body"], input: input)
        #expect(result.text == "{\"body\":\"Kept sentence of the body goes here.\\n\",\"text\":\"Advertisement\"}\n")
    }

    @Test(arguments: ["gzip", "zstd"])
    func compressedJSONLInputIsDetectedByItsBytes(codec: String) throws {
        let input = (0..<50).map { Self.jsonlLine($0) }.joined(separator: "\n") + "\n"
        let plain = TemporaryFile(input, suffix: ".jsonl")
        let compressed = TemporaryFile(try Self.compress(Array(input.utf8), with: codec), suffix: codec == "gzip" ? ".jsonl.gz" : ".jsonl.zst")
        let expected = try PareProcess.run(["-q", plain.path])
        let result = try PareProcess.run(["-q", compressed.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
        #expect(try Self.parseLines(result.stdout).count == 50)
    }

    @Test func outputIsTheSameForOneAndTwoWorkersAcrossManyBatches() throws {
        let input = (0..<300).map { Self.jsonlLine($0) }.joined(separator: "\n") + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let one = try PareProcess.run(["-q", "-j", "1", "--batch-bytes", "700", file.path])
        let two = try PareProcess.run(["-q", "-j", "2", "--batch-bytes", "700", file.path])
        let big = try PareProcess.run(["-q", "-j", "2", file.path])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout == big.stdout)
        #expect(try Self.parseLines(one.stdout).map { $0["id"] as! String } == (0..<300).map { "doc-\($0)" })
    }

    @Test func malformedJSONLineStopsWithItsFileAndLine() throws {
        let input = Self.jsonlLine(1) + "\n{\"text\": \"unterminated\n" + Self.jsonlLine(3) + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let result = try PareProcess.run(["-q", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):2"))
    }

    @Test func malformedJSONLinesAreSkippedCountedAndExitThree() throws {
        let input = [Self.jsonlLine(1), "not json", Self.jsonlLine(3), "{\"id\": 4}", Self.jsonlLine(5)].joined(separator: "\n") + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let result = try PareProcess.run(["-q", "--on-error", "skip", file.path])
        #expect(result.status == 3)
        #expect(try Self.parseLines(result.stdout).map { $0["id"] as! String } == ["doc-1", "doc-3", "doc-5"])
        #expect(result.stderr.contains("\(file.path):2"))
        #expect(result.stderr.contains("skipped 2 malformed records"))
        // Warned once per file, not once per record.
        #expect(result.stderr.components(separatedBy: "warning").count == 2)
    }

    @Test func nullSeparatedTextKeepsTheDocumentCount() throws {
        let input = (0..<7).map { Self.page($0) }.joined(separator: "\0") + "\0"
        let result = try PareProcess.run(["-q", "-z", "--batch-bytes", "300", "-j", "2"], input: input)
        #expect(result.status == 0)
        let documents = result.text.split(separator: "\0", omittingEmptySubsequences: false)
        #expect(documents.count == 8)   // seven documents, each ended by NUL
        #expect(documents.last == "")
        #expect(documents.dropLast().map(String.init) == (0..<7).map { Self.cleanedPage($0) })
    }

    @Test func wetFileRoundTrips() throws {
        let wet = Self.wetFile(pages: [Self.page(1), Self.page(2)])
        let file = TemporaryFile(wet, suffix: ".warc.wet")
        let result = try PareProcess.run(["-q", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let records = Self.warcRecords(result.stdout)
        #expect(records.count == 3)
        #expect(records[0].body == "software: test\r\n")
        #expect(records[1].body == Self.cleanedPage(1))
        #expect(records[2].body == Self.cleanedPage(2))
        for record in records {
            #expect(record.contentLength == record.body.utf8.count)
        }
    }

    @Test func outputDirectoryGetsCompleteCompressedFilesOnly() throws {
        let directory = try TemporaryDirectory()
        let inputs = try TemporaryDirectory()
        var paths: [String] = []
        for (n, suffix) in [(1, ".jsonl.gz"), (2, ".jsonl.zst"), (3, ".jsonl")].map({ ($0.0, $0.1) }) {
            let text = Array(((0..<20).map { Self.jsonlLine(n * 100 + $0) }.joined(separator: "\n") + "\n").utf8)
            let bytes = suffix.hasSuffix(".gz") ? try Self.compress(text, with: "gzip")
                : suffix.hasSuffix(".zst") ? try Self.compress(text, with: "zstd") : text
            let path = inputs.path + "/part-\(n)" + suffix
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            paths.append(path)
        }
        // A truncated gzip input fails alone; the others are written completely.
        let good = try Self.compress(Array((Self.jsonlLine(9) + "\n").utf8), with: "gzip")
        let truncatedPath = inputs.path + "/part-9.jsonl.gz"
        FileManager.default.createFile(atPath: truncatedPath, contents: Data(good.dropLast(12)))
        paths.insert(truncatedPath, at: 1)

        let result = try PareProcess.run(["-q", "-j", "2", "-o", directory.path] + paths)
        #expect(result.status == 1)
        #expect(result.stderr.contains("part-9.jsonl.gz"))
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written == ["part-1.jsonl.gz", "part-2.jsonl.zst", "part-3.jsonl"])
        for name in written {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + name)))
            let plain = name.hasSuffix(".gz") ? try Self.decompress(bytes, with: "gzip")
                : name.hasSuffix(".zst") ? try Self.decompress(bytes, with: "zstd") : bytes
            #expect(try Self.parseLines(plain).count == 20)
            if name.hasSuffix(".gz") { #expect(bytes.starts(with: [0x1F, 0x8B])) }
            if name.hasSuffix(".zst") { #expect(bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD])) }
        }
    }

    @Test func resumeSkipsInputsWhoseOutputExists() throws {
        let directory = try TemporaryDirectory()
        let a = TemporaryFile(Self.jsonlLine(1) + "\n", suffix: ".jsonl")
        let b = TemporaryFile(Self.jsonlLine(2) + "\n", suffix: ".jsonl")
        let existing = directory.path + "/" + URL(fileURLWithPath: a.path).lastPathComponent
        FileManager.default.createFile(atPath: existing, contents: Data("already here\n".utf8))
        let result = try PareProcess.run(["-q", "--resume", "-o", directory.path, a.path, b.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "already here\n")
        let other = directory.path + "/" + URL(fileURLWithPath: b.path).lastPathComponent
        #expect(try String(contentsOfFile: other, encoding: .utf8) == Self.jsonlLine(2, text: Self.cleanedPage(2)) + "\n")
    }

    @Test func outputDirectoryRefusesToOverwriteAnInput() throws {
        let a = TemporaryFile(Self.jsonlLine(1) + "\n", suffix: ".jsonl")
        let directory = URL(fileURLWithPath: a.path).deletingLastPathComponent().path
        let result = try PareProcess.run(["-q", "-o", directory, a.path])
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: a.path, encoding: .utf8) == Self.jsonlLine(1) + "\n")
    }

    @Test func statsJSONCountsRecordsAndRules() throws {
        let stats = try TemporaryDirectory()
        let file = TemporaryFile((0..<4).map { Self.jsonlLine($0) }.joined(separator: "\n") + "\n", suffix: ".jsonl")
        let path = stats.path + "/stats.json"
        let result = try PareProcess.run(["-q", "--stats-json", path, file.path])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(json["records_in"] as? Int == 4)
        #expect(json["records_out"] as? Int == 4)
        let rules = json["removed_by_rule"] as! [String: [String: Int]]
        #expect(rules.values.map { $0["lines"]! }.reduce(0, +) == 8)
    }

    @Test func filesGoToStandardOutputInInputOrder() throws {
        let files = (0..<6).map { TemporaryFile(Self.page($0)) }
        let result = try PareProcess.run(["-q", "-j", "2"] + files.map(\.path))
        #expect(result.text == (0..<6).map { Self.cleanedPage($0) }.joined())
    }

    @Test func urlScopedRulesSeeTheJSONLAndWETURLs() throws {
        let rules = TemporaryFile("""
        pack site
        rule site.signature
          about a sign-off line one site puts under every page
          action drop-line
          pattern ^Filed under
          url ^https://example\\.org/1$
          remove Filed under: things
          keep Filed papers
        """, suffix: ".rules")
        let page = "A sentence that stays in every page of the test.\nFiled under: things\n"
        let input = Self.jsonlLine(1, text: page) + "\n" + Self.jsonlLine(2, text: page) + "\n"
        let result = try PareProcess.run(["-q", "--no-default-rules", "--no-heuristics", "--rules", rules.path, "--format", "jsonl"], input: input)
        let texts = try Self.parseLines(result.stdout).map { $0["text"] as! String }
        #expect(texts == ["A sentence that stays in every page of the test.\n", page])

        let wet = TemporaryFile(Self.wetFile(pages: [page, page]), suffix: ".warc.wet")
        // The WET helper numbers pages from 0: page 1 is the second record.
        let records = Self.warcRecords(try PareProcess.run(["-q", "--no-default-rules", "--no-heuristics", "--rules", rules.path, wet.path]).stdout)
        #expect(records.map(\.body) == ["software: test\r\n", page, "A sentence that stays in every page of the test.\n"])
    }

    @Test func brokenWARCRecordFailsItsFileNamingTheByteOffset() throws {
        var wet = Self.wetFile(pages: [Self.page(1)])
        wet += Array("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Type: text/plain\r\n\r\nno length\r\n\r\n".utf8)
        let file = TemporaryFile(wet, suffix: ".warc.wet")
        let result = try PareProcess.run(["-q", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path): byte "))
        #expect(result.stderr.contains("Content-Length"))
        // The records before the broken one were written.
        #expect(Self.warcRecords(result.stdout).count == 2)
    }

    @Test func missingInputFailsAloneInFolderMode() throws {
        let directory = try TemporaryDirectory()
        let good = TemporaryFile(Self.jsonlLine(1) + "\n", suffix: ".jsonl")
        let result = try PareProcess.run(["-q", "-o", directory.path, "/nonexistent/input.jsonl", good.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/input.jsonl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            == [URL(fileURLWithPath: good.path).lastPathComponent])
    }

    @Test func usageErrorsOfBulkOptionsExitTwo() throws {
        let directory = try TemporaryDirectory()
        #expect(try PareProcess.run(["-o", directory.path, "-"], input: "x\n").status == 2)
        #expect(try PareProcess.run(["--resume"], input: "x\n").status == 2)
        #expect(try PareProcess.run(["-j", "0"], input: "x\n").status == 2)
        #expect(try PareProcess.run(["--format", "xml"], input: "x\n").status == 2)
        #expect(try PareProcess.run(["--explain", "--format", "jsonl"], input: "{}\n").status == 2)
        let a = TemporaryFile("x\n", suffix: ".txt")
        let other = try TemporaryDirectory()
        let twin = other.path + "/" + URL(fileURLWithPath: a.path).lastPathComponent
        FileManager.default.createFile(atPath: twin, contents: Data("y\n".utf8))
        let clash = try PareProcess.run(["-o", directory.path, a.path, twin])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("would both be written"))
    }

    @Test func emptyDocumentsAreDroppedOnlyWhenAsked() throws {
        let input = "Kept body sentence of the document.\n\0Advertisement\n\0"
        #expect(try PareProcess.run(["-q", "-z"], input: input).text == "Kept body sentence of the document.\n\0\0")
        #expect(try PareProcess.run(["-q", "-z", "--drop-empty"], input: input).text == "Kept body sentence of the document.\n\0")
        let wet = TemporaryFile(Self.wetFile(pages: [Self.page(1), "Advertisement\n"]), suffix: ".warc.wet")
        #expect(Self.warcRecords(try PareProcess.run(["-q", wet.path]).stdout).map(\.contentLength).last == 0)
        #expect(Self.warcRecords(try PareProcess.run(["-q", "--drop-empty", wet.path]).stdout).count == 2)
    }

    @Test(arguments: ["gz", "zst"])
    func compressedOutputIsTheSameForOneAndTwoWorkersAndReadsBack(ext: String) throws {
        let inputs = try TemporaryDirectory()
        let text = (0..<200).map { Self.jsonlLine($0) }.joined(separator: "\n") + "\n"
        let input = inputs.path + "/part.jsonl." + ext
        FileManager.default.createFile(atPath: input, contents: Data(try Self.compress(Array(text.utf8), with: ext == "gz" ? "gzip" : "zstd")))
        let empty = inputs.path + "/empty.jsonl." + ext
        FileManager.default.createFile(atPath: empty, contents: Data(try Self.compress([], with: ext == "gz" ? "gzip" : "zstd")))
        var outputs: [[UInt8]] = []
        for jobs in ["1", "2"] {
            let directory = try TemporaryDirectory()
            let result = try PareProcess.run(["-q", "-j", jobs, "--batch-bytes", "2000", "-o", directory.path, input, empty])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Array(Data(contentsOf: URL(fileURLWithPath: directory.path + "/part.jsonl." + ext))))
            // An input without records still gives a valid compressed file.
            let emptyOut = try Array(Data(contentsOf: URL(fileURLWithPath: directory.path + "/empty.jsonl." + ext)))
            #expect(try Self.decompress(emptyOut, with: ext == "gz" ? "gzip" : "zstd").isEmpty)
            #expect(!emptyOut.isEmpty)
        }
        #expect(outputs[0] == outputs[1])
        let plain = try PareProcess.run(["-q", input])
        #expect(try Self.decompress(outputs[0], with: ext == "gz" ? "gzip" : "zstd") == plain.stdout)
    }

    // MARK: helpers

    static func compress(_ bytes: [UInt8], with codec: String) throws -> [UInt8] {
        try pipe(bytes, through: codec == "gzip" ? ["gzip", "-c"] : ["zstd", "-q", "-c"])
    }

    static func decompress(_ bytes: [UInt8], with codec: String) throws -> [UInt8] {
        try pipe(bytes, through: codec == "gzip" ? ["gzip", "-dc"] : ["zstd", "-q", "-dc"])
    }

    static func pipe(_ bytes: [UInt8], through command: [String]) throws -> [UInt8] {
        let input = TemporaryFile(bytes, suffix: ".bin")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static func wetFile(pages: [String]) -> [UInt8] {
        var out = ""
        func record(_ type: String, _ uri: String?, _ body: String) {
            out += "WARC/1.0\r\nWARC-Type: \(type)\r\n"
            if let uri { out += "WARC-Target-URI: \(uri)\r\n" }
            out += "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)\r\n\r\n"
        }
        record("warcinfo", nil, "software: test\r\n")
        for (n, page) in pages.enumerated() { record("conversion", "https://example.org/\(n)", page) }
        return Array(out.utf8)
    }

    struct WARCRecordText {
        var contentLength: Int
        var body: String
    }

    /// A minimal independent WARC parser for checking output.
    static func warcRecords(_ bytes: [UInt8]) -> [WARCRecordText] {
        var records: [WARCRecordText] = []
        var index = 0
        let crlfcrlf: [UInt8] = [13, 10, 13, 10]
        while index < bytes.count {
            guard let headerEnd = (index..<(bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == crlfcrlf }) else { break }
            let header = String(decoding: bytes[index..<headerEnd], as: UTF8.self)
            let length = header.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .map { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))! } ?? -1
            let bodyStart = headerEnd + 4
            let body = String(decoding: bytes[bodyStart..<min(bytes.count, bodyStart + max(0, length))], as: UTF8.self)
            records.append(WARCRecordText(contentLength: length, body: body))
            index = bodyStart + max(0, length) + 4
        }
        return records
    }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "pare-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
