import PareTestSupport
import Foundation
import Testing

/// Bad input, each case with its defined outcome (issue 6, part 2; README "Limits and
/// bad input"), in text mode and in the bulk formats where the case means something
/// there. Cases covered elsewhere: empty input, CRLF, invalid UTF-8 in text, a pattern
/// that does not compile, a catastrophic pattern, a pack pattern that does not compile,
/// a missing file and `> /dev/full` in text mode (CLITests); a missing input in folder
/// mode and malformed JSON lines (BulkCLITests).
@Suite("pare on bad input")
struct BadInputTests {
    /// Prose the content-region heuristic keeps, so that outcomes do not depend on it.
    static let prose1 = "The council voted on a plan to rebuild the bridge after years of delay and residents were relieved."
    static let prose2 = "Engineers warned that costs could rise if steel prices keep climbing through the spring."

    /// Overlong forms of '/' (2, 3 and 4 bytes), a UTF-16 surrogate, a 5-byte form,
    /// bytes that never occur in UTF-8, and a truncated sequence.
    static let invalidUTF8: [UInt8] = [0xC0, 0xAF, 0x20, 0xE0, 0x80, 0xAF, 0x20, 0xF0, 0x80, 0x80, 0xAF, 0x20,
                                       0xED, 0xA0, 0x80, 0x20, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x20, 0xFF, 0xFE, 0x20, 0xE2, 0x82]

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: invalid and overlong UTF-8

    @Test func invalidAndOverlongUTF8PassThroughInTextAndNullSeparatedDocuments() throws {
        let kept1 = Self.bytes(Self.prose1 + " ") + Self.invalidUTF8 + Self.bytes(" end.")
        let kept2 = Self.bytes(Self.prose2 + " ") + Self.invalidUTF8
        let page = kept1 + Self.bytes("\nAdvertisement\n") + kept2 + [0x0A]
        let expected = kept1 + [0x0A] + kept2 + [0x0A]

        let text = try PareProcess.run([], stdin: page)
        #expect(text.status == 0)
        #expect(text.stdout == expected)
        let documents = try PareProcess.run(["-z"], stdin: page + [0] + page + [0])
        #expect(documents.stdout == expected + [0] + expected + [0])
        // --explain shows the bytes it cannot decode as U+FFFD, and still accounts for every line.
        let explained = try PareProcess.run(["--explain"], stdin: page)
        #expect(explained.status == 0)
        #expect(explained.text.split(separator: "\n").count == 3)
        #expect(explained.text.contains("\u{FFFD}"))
    }

    @Test func invalidUTF8InAJSONLineIsAMalformedRecord() throws {
        let bad = Self.bytes("{\"id\":2,\"text\":\"Overlong ") + Self.invalidUTF8 + Self.bytes("\"}\n")
        let input = Self.bytes(BulkCLITests.jsonlLine(1) + "\n") + bad + Self.bytes(BulkCLITests.jsonlLine(3) + "\n")
        let file = TemporaryFile(input, suffix: ".jsonl")

        let stopped = try PareProcess.run(["-q", file.path])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("\(file.path):2: invalid JSON: invalid UTF-8"))
        #expect(try BulkCLITests.parseLines(stopped.stdout).map { $0["id"] as! String } == ["doc-1"])

        let skipped = try PareProcess.run(["-q", "--on-error", "skip", file.path])
        #expect(skipped.status == 3)
        #expect(try BulkCLITests.parseLines(skipped.stdout).map { $0["id"] as! String } == ["doc-1", "doc-3"])
        #expect(skipped.stderr.contains("skipped 1 malformed record"))
    }

    @Test func invalidUTF8NULAndLoneCRInAWETBodyAreCleanedLikeText() throws {
        let body = Self.bytes(Self.prose1 + " ") + Self.invalidUTF8 + [0x00] + Self.bytes("\rAdvertisement\r" + Self.prose2 + "\r")
        let file = TemporaryFile(Self.wet(bodies: [body]), suffix: ".warc.wet")
        let result = try PareProcess.run(["-q", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let records = Self.warcBodies(result.stdout)
        #expect(records.count == 2)
        let expected = Self.bytes(Self.prose1 + " ") + Self.invalidUTF8 + [0x00] + Self.bytes("\n" + Self.prose2 + "\n")
        #expect(records.last?.body == expected)
        #expect(records.last?.contentLength == expected.count)
    }

    // MARK: NUL bytes

    @Test func nulBytesInTextAreOrdinaryCharacters() throws {
        let page = Self.bytes(Self.prose1) + [0] + Self.bytes(" More.\nAdvertisement\n") + [0, 0, 0] + Self.bytes("\n" + Self.prose2 + "\n")
        let result = try PareProcess.run(["--no-heuristics"], stdin: page)
        #expect(result.status == 0)
        #expect(result.stdout == Self.bytes(Self.prose1) + [0] + Self.bytes(" More.\n") + [0, 0, 0] + Self.bytes("\n" + Self.prose2 + "\n"))
    }

    @Test func nulInJSONLIsKeptAsAnEscapeAndRefusedRaw() throws {
        // \u0000 is a character of the text like any other; the escape is written back.
        let escaped = "{\"id\":\"a\",\"text\":\"\(Self.prose1) \\u0000 x\\nAdvertisement\\n\"}\n"
        let result = try PareProcess.run(["-q", "--format", "jsonl"], input: escaped)
        #expect(result.status == 0)
        #expect(result.text == "{\"id\":\"a\",\"text\":\"\(Self.prose1) \\u0000 x\\n\"}\n")
        // A raw NUL byte inside a JSON string is not JSON (RFC 8259 requires escaping).
        let raw = TemporaryFile(Self.bytes("{\"text\":\"a\"}\n{\"text\":\"b") + [0] + Self.bytes("c\"}\n"), suffix: ".jsonl")
        let refused = try PareProcess.run(["-q", raw.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(raw.path):2: invalid JSON: unescaped control character byte 0x00"))
        // A lone UTF-16 surrogate escape has no UTF-8 form: it becomes U+FFFD.
        let surrogate = try PareProcess.run(["-q", "--format", "jsonl", "--no-heuristics"],
                                            input: "{\"text\":\"\(Self.prose1) \\ud800.\"}\n")
        #expect(surrogate.text == "{\"text\":\"\(Self.prose1) \u{FFFD}.\\n\"}\n")
    }

    // MARK: line ends

    @Test func loneCarriageReturnsEndLinesInTextAndJSONL() throws {
        let text = try PareProcess.run([], input: "\(Self.prose1)\rAdvertisement\r\(Self.prose2)\r")
        #expect(text.text == "\(Self.prose1)\n\(Self.prose2)\n")
        // Inside a JSON string, and as the JSONL line end (CRLF): the record's own line
        // end is passed on as it was.
        let jsonl = try PareProcess.run(["-q", "--format", "jsonl"],
                                        input: "{\"text\":\"\(Self.prose1)\\rAdvertisement\\r\"}\r\n{\"text\":\"\(Self.prose2)\"}\r\n")
        #expect(jsonl.status == 0)
        #expect(jsonl.text == "{\"text\":\"\(Self.prose1)\\n\"}\r\n{\"text\":\"\(Self.prose2)\\n\"}\r\n")
    }

    // MARK: size

    /// 100 MB on one line: kept whole, byte for byte (minus its trailing space), in text
    /// and in a JSON string. No heuristic: the point is the line's size and the rules'
    /// scans over it; the heuristic in a debug build would make this test slow for no
    /// extra coverage.
    @Test func aHundredMegabyteLineIsKeptWhole() throws {
        // "word " 20 million times, 100 MB (doubling, which keeps a debug build fast).
        var line = Self.bytes("word ")
        while line.count < 100_000_000 { line += line }
        line.removeLast(line.count - 100_000_000)
        let trimmed = line.dropLast()

        do {
            let input = TemporaryFile(Self.bytes(Self.prose1 + "\n") + line + Self.bytes("\nAdvertisement\n" + Self.prose2 + "\n"))
            let result = try PareProcess.run(["--no-heuristics", input.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.count == Self.prose1.utf8.count + 1 + trimmed.count + 1 + Self.prose2.utf8.count + 1)
            // Compared outside #expect, which would otherwise render 100 MB on failure.
            let same = result.stdout == Self.bytes(Self.prose1 + "\n") + trimmed + Self.bytes("\n" + Self.prose2 + "\n")
            #expect(same, "the long line did not come out whole")
        }
        do {
            let input = TemporaryFile(Self.bytes("{\"id\":1,\"text\":\"") + line + Self.bytes("\\nAdvertisement\\n\"}\n{\"id\":2,\"text\":\"\(Self.prose2)\"}\n"),
                                      suffix: ".jsonl")
            // The JSONL half is about framing and the JSON string codec: one rule will do.
            let result = try PareProcess.run(["-q", "--no-heuristics", "--no-default-rules", "-e", "^Advertisement$", input.path])
            #expect(result.status == 0, "\(result.stderr)")
            let same = result.stdout == Self.bytes("{\"id\":1,\"text\":\"") + trimmed + Self.bytes("\\n\"}\n{\"id\":2,\"text\":\"\(Self.prose2)\\n\"}\n")
            #expect(same, "the long JSON string did not come out whole")
        }
    }

    /// A million lines of a few bytes: every one accounted for. A user rule instead of
    /// the default packs keeps the debug build fast; the pipeline around it (lines,
    /// rule stage, content region, tidy) is the same.
    @Test func aMillionTinyLines() throws {
        var input = [UInt8]()
        var expected = [UInt8]()
        for n in 0..<1_000_000 {
            if n % 2 == 1 { input += [0x61, 0x64, 0x0A]; continue }   // "ad"
            let line = Self.bytes("l\(n)\n")
            input += line
            expected += line
        }
        let file = TemporaryFile(input)
        let result = try PareProcess.run(["--no-default-rules", "-e", "^ad$", "--stats", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        let counts = result.stderr.split(separator: "\n").first { $0.hasPrefix("user.e1 ") }
        #expect(counts?.split(separator: " ").dropFirst().first == "500000")
    }

    // MARK: binary garbage

    @Test func binaryGarbageNeverCrashesAndKeepsItsDocumentCount() throws {
        let garbage = Self.randomBytes(count: 1 << 20, seed: 6)
        let text = TemporaryFile(garbage, suffix: ".bin")

        let cleaned = try PareProcess.run([text.path])
        #expect(cleaned.status == 0)
        #expect(cleaned.stderr.isEmpty)
        #expect(cleaned.stdout.last == 0x0A)
        // What is kept is garbage lines (normalised, trailing spaces dropped), in order.
        let lines = Self.normalised(garbage)
        var from = 0
        for line in cleaned.stdout.split(separator: 0x0A) {
            guard let found = Self.find(Array(line), in: lines, from: from) else {
                Issue.record("output line not found in order in the input")
                break
            }
            from = found + line.count
        }

        let documents = try PareProcess.run(["-q", "-z", text.path])
        #expect(documents.status == 0)
        let nulsIn = garbage.filter { $0 == 0 }.count
        #expect(documents.stdout.filter { $0 == 0 }.count == nulsIn + (garbage.last == 0 ? 0 : 1))

        let jsonl = try PareProcess.run(["-q", "--format", "jsonl", text.path])
        #expect(jsonl.status == 1)
        #expect(jsonl.stderr.contains("\(text.path):1: invalid JSON"))
        let skipped = try PareProcess.run(["-q", "--format", "jsonl", "--on-error", "skip", text.path])
        #expect(skipped.status == 3)
        #expect(skipped.stderr.contains("malformed records"))

        let wet = try PareProcess.run(["-q", "--format", "wet", text.path])
        #expect(wet.status == 1)
        #expect(wet.stderr.contains("\(text.path): byte 0: expected a WARC version line"))
    }

    // MARK: empty and white space

    @Test func whitespaceOnlyInputGivesEmptyDocuments() throws {
        let blank = " \t\r\n\u{00A0}\n\u{3000}\u{2003}\n\u{0B}\u{0C}\n\n\r\n"
        let text = try PareProcess.run([], input: blank)
        #expect(text.status == 0)
        #expect(text.stdout.isEmpty)

        let documents = try PareProcess.run(["-q", "-z"], input: "\0\(blank)\0\t")
        #expect(documents.text == "\0\0\0")   // three documents in, three (empty) out
        #expect(try PareProcess.run(["-q", "-z", "--drop-empty"], input: "\0\(blank)\0\t").stdout.isEmpty)

        let jsonl = try PareProcess.run(["-q", "--format", "jsonl"],
                                        input: "{\"id\":1,\"text\":\" \\t\\r\\n\\u00a0\\n\"}\n   \n\n{\"id\":2,\"text\":\"\"}\n")
        #expect(jsonl.status == 0)
        // Records keep their place with empty text; blank lines are passed on as they are.
        #expect(jsonl.text == "{\"id\":1,\"text\":\"\"}\n   \n\n{\"id\":2,\"text\":\"\"}\n")

        let wet = TemporaryFile(Self.wet(bodies: [Self.bytes(blank)]), suffix: ".warc.wet")
        let records = Self.warcBodies(try PareProcess.run(["-q", wet.path]).stdout)
        #expect(records.count == 2)
        #expect(records.last?.contentLength == 0)
    }

    @Test func emptyInputInEveryFormat() throws {
        for suffix in [".txt", ".jsonl", ".warc.wet", ".jsonl.gz"] {
            let file = TemporaryFile([], suffix: suffix)
            let result = try PareProcess.run(["-q", file.path])
            #expect(result.status == 0, "\(suffix): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(suffix)")
        }
        #expect(try PareProcess.run(["-q", "-z"], input: "").stdout.isEmpty)
        // In folder mode an empty input still gets its (empty) output file.
        let directory = try TemporaryDirectory()
        let empty = TemporaryFile([], suffix: ".jsonl")
        #expect(try PareProcess.run(["-q", "-o", directory.path, empty.path]).status == 0)
        let name = URL(fileURLWithPath: empty.path).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [name])
    }

    // MARK: output that cannot be written

    static let closedPipeCases: [[String]] = [[], ["-z"], ["jsonl"], ["wet"], ["--explain"], ["twice"]]

    @Test("A closed standard output ends the run quietly with 0", arguments: closedPipeCases)
    func closedStandardOutputEndsQuietly(mode: [String]) throws {
        // About 250 kB of output: far more than a pipe buffers.
        let pages = (0..<2000).map { BulkCLITests.page($0) }
        let files: [TemporaryFile]
        var options = ["-q"]
        switch mode.first {
        case "jsonl":
            files = [TemporaryFile(pages.indices.map { BulkCLITests.jsonlLine($0) }.joined(separator: "\n"), suffix: ".jsonl")]
        case "wet":
            files = [TemporaryFile(BulkCLITests.wetFile(pages: pages), suffix: ".warc.wet")]
        case "twice":
            files = [TemporaryFile(pages.joined()), TemporaryFile(pages.joined())]
        case "-z":
            options.append("-z")
            files = [TemporaryFile(pages.joined(separator: "\0"))]
        default:
            options += mode
            files = [TemporaryFile(pages.joined())]
        }
        let result = try ClosedPipeRun.run(options + files.map(\.path))
        #expect(!result.firstLine.isEmpty)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    static let writeFailureCases: [[String]] = [["--explain"], ["-z"], ["jsonl"], ["wet"], ["rules", "list"], ["rules", "test"], ["--help"]]

    @Test("A failed write exits 1 with the system's reason", arguments: writeFailureCases)
    func writeFailureExitsOne(mode: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        var arguments = mode
        var input: TemporaryFile?
        switch mode.first {
        case "jsonl": input = TemporaryFile(BulkCLITests.jsonlLine(1) + "\n", suffix: ".jsonl")
        case "wet": input = TemporaryFile(BulkCLITests.wetFile(pages: [BulkCLITests.page(1)]), suffix: ".warc.wet")
        default: break
        }
        if let input { arguments = [input.path] }
        let result = try PareProcess.run(arguments, stdin: Self.bytes(BulkCLITests.page(1)), stdoutPath: "/dev/full")
        withExtendedLifetime(input) {}
        #expect(result.status == 1, "\(mode)")
        #expect(result.stderr.contains("No space left on device"), "\(mode): \(result.stderr)")
    }

    @Test func statisticsToAPipeOrDeviceAreWrittenInPlace() throws {
        // A FIFO rather than /dev/full or /dev/stderr: if pare renamed a temporary
        // file over the path, as it does for a regular file, this test must not
        // replace a device of the machine it runs on.
        let directory = try TemporaryDirectory()
        let fifo = directory.path + "/stats.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let result = try PareProcess.run(["--stats-json", fifo], input: BulkCLITests.page(1))
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced by a file")
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0)
        let json = try JSONSerialization.jsonObject(with: Data(buffer.prefix(max(0, count)))) as? [String: Any]
        #expect(json?["records_in"] as? Int == 1)
    }

    // MARK: input that cannot be read

    @Test func unreadableInputIsNamedAndTheOthersAreStillCleaned() throws {
        let unreadable = try TemporaryDirectory()   // a directory: read(2) fails with EISDIR
        let good = TemporaryFile(Self.prose1 + "\nAdvertisement\n")
        for mode in [[], ["--explain"], ["-z"]] {
            let result = try PareProcess.run(mode + [unreadable.path, good.path])
            #expect(result.status == 1, "\(mode)")
            #expect(result.stderr.contains("\(unreadable.path): Is a directory"), "\(mode): \(result.stderr)")
            #expect(result.text.contains(Self.prose1), "\(mode)")
        }
        let output = try TemporaryDirectory()
        let jsonl = TemporaryFile(BulkCLITests.jsonlLine(1) + "\n", suffix: ".jsonl")
        let folder = try PareProcess.run(["-q", "-o", output.path, unreadable.path, jsonl.path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains(unreadable.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [URL(fileURLWithPath: jsonl.path).lastPathComponent])

        // Permission denied, where permissions apply (not to root).
        if getuid() != 0 {
            let locked = TemporaryFile("secret\n")
            chmod(locked.path, 0)
            let result = try PareProcess.run([locked.path, good.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(locked.path): Permission denied"))
            #expect(result.text.contains(Self.prose1))
        }
    }

    @Test func documentsOverTheSizeCapFailAloneOrAreMalformedRecords() throws {
        // --max-record-bytes (hidden, for tests) lowers the 1 GiB caps.
        let cap = ["--max-record-bytes", "150"]
        let big = TemporaryFile(Self.prose1 + "\n" + Self.prose2 + "\n")   // 190 bytes
        let good = TemporaryFile(Self.prose2 + "\n")
        let text = try PareProcess.run(cap + [big.path, good.path])
        #expect(text.status == 1)
        #expect(text.stderr.contains("\(big.path): document larger than 150 bytes"))
        #expect(text.text == Self.prose2 + "\n")   // the next input is still cleaned
        let explained = try PareProcess.run(cap + ["--explain", big.path, good.path])
        #expect(explained.status == 1)
        #expect(explained.stderr.contains("\(big.path): File too large"))
        #expect(explained.text.contains(Self.prose2))

        let jsonl = TemporaryFile([BulkCLITests.jsonlLine(1, text: "a"), BulkCLITests.jsonlLine(2), BulkCLITests.jsonlLine(3, text: "b")]
            .joined(separator: "\n") + "\n", suffix: ".jsonl")
        let stopped = try PareProcess.run(["-q"] + cap + [jsonl.path])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("\(jsonl.path):2: line longer than 150 bytes"))
        let skipped = try PareProcess.run(["-q", "--on-error", "skip"] + cap + [jsonl.path])
        #expect(skipped.status == 3)
        #expect(try BulkCLITests.parseLines(skipped.stdout).map { $0["id"] as! String } == ["doc-1", "doc-3"])

        let wet = TemporaryFile(BulkCLITests.wetFile(pages: [BulkCLITests.page(1)]), suffix: ".warc.wet")
        let warc = try PareProcess.run(["-q"] + cap + [wet.path])
        #expect(warc.status == 1)
        #expect(warc.stderr.contains("WARC record larger than 150 bytes"))
    }

    // MARK: patterns and rule packs

    @Test func patternHittingPCRE2LimitsKeepsLinesCountsThemAndWarnsOnce() throws {
        let slow = String(repeating: "a", count: 5000) + "b"
        let input = (0..<20).map { BulkCLITests.jsonlLine($0, text: slow + "\nOrdinary text of record \($0).\n") }.joined(separator: "\n") + "\n"
        let file = TemporaryFile(input, suffix: ".jsonl")
        let statistics = try TemporaryDirectory()
        let result = try PareProcess.run(["-q", "-j", "2", "--batch-bytes", "8000", "-e", "^(a+)+$", "--stats",
                                          "--stats-json", statistics.path + "/s.json", file.path])
        #expect(result.status == 0)
        #expect(try BulkCLITests.parseLines(result.stdout).allSatisfy { ($0["text"] as! String).hasPrefix(slow + "\n") })
        #expect(result.stderr.components(separatedBy: "hit a PCRE2 match limit").count == 2)   // once
        #expect(result.stderr.contains("rule user.e1 hit a PCRE2 match limit on 20 lines; those lines were kept"))
        #expect(result.stderr.contains("PCRE2 limit hits (lines kept): user.e1=20"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statistics.path + "/s.json"))) as! [String: Any]
        #expect((json["pcre2_limit_hits"] as? [String: Int])?["user.e1"] == 20)
        #expect(json["settling_cap_hits"] as? Int == 0)
        #expect(!result.stderr.contains("settling"))

        // The same for a rule from a pack, named by its id.
        let pack = TemporaryFile("pack mine\nrule mine.slow\n  action drop-line\n  pattern ^(a+)+$\n  remove aaa\n  keep aab\n", suffix: ".rules")
        let packed = try PareProcess.run(["--rules", pack.path], input: slow + "\n" + slow + "\n")
        #expect(packed.status == 0)
        #expect(packed.text == slow + "\n" + slow + "\n")
        #expect(packed.stderr.contains("rule mine.slow hit a PCRE2 match limit on 2 lines"))
    }

    @Test func userPatternThatIsNotUTF8IsAUsageError() throws {
        // Swift's String cannot hold the byte 0xFF, so a shell builds the argument.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf 'x\\n' | \"$0\" -e \"$(printf 'caf\\351')\"", PareProcess.executable.path]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("argument 2 'caf\\xE9' is not valid UTF-8"))
    }

    @Test func rulePackWithInvalidUTF8ExitsTwoNamingFileAndLine() throws {
        let pack = TemporaryFile(Self.bytes("pack mine\nrule mine.x\n  action drop-line\n  pattern ^Promo") + [0xFF]
            + Self.bytes(":\n  remove Promo: buy\n  keep Promotion\n"), suffix: ".rules")
        let result = try PareProcess.run(["--rules", pack.path], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(pack.path):4: rule pack is not valid UTF-8"))
        #expect(result.stdout.isEmpty)
        let overlong = TemporaryFile(Self.bytes("pack mine\nabout ") + [0xC0, 0xAF] + Self.bytes("\n"), suffix: ".rules")
        let second = try PareProcess.run(["--rules", overlong.path], input: "x\n")
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(overlong.path):2:"))
    }

    @Test func rulePackWithUnknownKeysExitsTwoNamingFileAndLine() throws {
        let inRule = TemporaryFile("pack mine\nrule mine.x\n  action drop-line\n  colour red\n  pattern ^Promo:\n  remove Promo: buy\n  keep Promotion\n",
                                   suffix: ".rules")
        let result = try PareProcess.run(["--rules", inRule.path], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(inRule.path):4: unknown key 'colour'"))
        let inPack = TemporaryFile("pack mine\nflavour x\n", suffix: ".rules")
        let second = try PareProcess.run(["--rules", inPack.path], input: "x\n")
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(inPack.path):2: unknown key 'flavour'"))
        // `rules test` loads packs the same way.
        #expect(try PareProcess.run(["rules", "test", "--no-default-rules", inRule.path]).status == 2)
    }

    // MARK: helpers

    /// A WET file: a warcinfo record, then one conversion record per body.
    static func wet(bodies: [[UInt8]]) -> [UInt8] {
        var out = bytes("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 16\r\n\r\nsoftware: test\r\n\r\n\r\n")
        for (n, body) in bodies.enumerated() {
            out += bytes("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.org/\(n)\r\n")
            out += bytes("Content-Type: text/plain\r\nContent-Length: \(body.count)\r\n\r\n") + body + bytes("\r\n\r\n")
        }
        return out
    }

    /// Each record's Content-Length and body bytes (WARC written by pare: CRLF headers).
    static func warcBodies(_ data: [UInt8]) -> [(contentLength: Int, body: [UInt8])] {
        var records: [(Int, [UInt8])] = []
        var index = 0
        while let headerEnd = find([13, 10, 13, 10], in: data, from: index) {
            let header = String(decoding: data[index..<headerEnd], as: UTF8.self)
            guard let length = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }) else { break }
            let start = headerEnd + 4
            records.append((length, Array(data[start..<min(data.count, start + length)])))
            index = start + length + 4
        }
        return records
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard from <= haystack.count else { return nil }
        if needle.isEmpty { return from }
        var start = from
        while start + needle.count <= haystack.count {
            guard let first = haystack[start...].firstIndex(of: needle[0]), first + needle.count <= haystack.count else { return nil }
            if haystack[first..<first + needle.count].elementsEqual(needle) { return first }
            start = first + 1
        }
        return nil
    }

    /// The input as Pare's normaliser leaves it (README, "How it works"): CRLF, CR,
    /// U+2028 and U+2029 become LF; U+00A0, U+2000–U+200A, U+202F, U+205F and U+3000
    /// become a space; a leading byte-order mark goes.
    static func normalised(_ input: [UInt8]) -> [UInt8] {
        let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        var out: [UInt8] = []
        var i = 0
        func at(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }
        while i < bytes.count {
            switch (bytes[i], at(i + 1), at(i + 2)) {
            case (0x0D, 0x0A, _): out.append(0x0A); i += 2
            case (0x0D, _, _): out.append(0x0A); i += 1
            case (0xC2, 0xA0, _): out.append(0x20); i += 2
            case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): out.append(0x20); i += 3
            case (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9): out.append(0x0A); i += 3
            default: out.append(bytes[i]); i += 1
            }
        }
        return out
    }

    /// Deterministic bytes, the same on every run.
    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return random.bytes(count)
    }
}
