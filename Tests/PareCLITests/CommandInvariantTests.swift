import PareTestSupport
import Foundation
import Testing

/// Invariants of the `pare` command (issue 6, part 3) over real pages (the golden
/// fixtures and the sample) and pages mixed from them: `--explain` accounts for every
/// input line and its kept lines are the output; documents in = documents out in every
/// bulk format, with the same cleaned text; `-j 1` and `-j N` write the same bytes.
/// `scripts/check-invariants` checks the same over the development set.
@Suite("Invariants of the pare command")
struct CommandInvariantTests {
    static let realPages: [String] = {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/PareTests/Fixtures")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted()
        let inputs = names.compactMap { try? String(contentsOf: fixtures.appendingPathComponent($0 + "/input.txt"), encoding: .utf8) }
        let sample = try? String(contentsOf: repositoryRoot.appendingPathComponent("Samples/news-article.txt"), encoding: .utf8)
        return inputs + (sample.map { [$0] } ?? [])
    }()

    /// Pages mixed from the real pages' lines, with boilerplate, blank runs, `[ad]`
    /// markers for a span rule, odd spaces and every kind of line end; the same on
    /// every run.
    static let mixedPages: [String] = {
        var random = SplitMix64(seed: 42)
        let lines = realPages.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let extras = ["Advertisement", "Read next: Another story entirely", "[ad]", "  [ad]  ", "Comments", "", "", " \t",
                      "Related posts", "Home > News", "Share on Facebook"]
        return (0..<120).map { _ in
            var page = random.below(8) == 0 ? "\u{FEFF}" : ""
            let ending = ["\n", "\n", "\r\n", "\r", "\u{2028}"][random.below(5)]
            var index = random.below(lines.count)
            for _ in 0..<(5 + random.below(60)) {
                var line = random.below(5) == 0 ? extras[random.below(extras.count)] : lines[index % lines.count]
                index += random.below(3) == 0 ? 1 + random.below(40) : 1
                if random.below(10) == 0 { line = line.replacingOccurrences(of: " ", with: "\u{00A0}") }
                if random.below(8) == 0 { line += " [ad] tail" }
                page += line + ending
            }
            return page
        }
    }()

    static let pages = realPages + mixedPages

    /// A drop-span rule, so that `--explain`'s span marks are exercised too.
    static func spanPack() -> TemporaryFile {
        TemporaryFile("pack gen\nrule gen.ad\n  action drop-span\n  pattern \\[ad\\]\n  remove [ad]\n  keep ad\n", suffix: ".rules")
    }

    static var nullSeparated: [UInt8] { pages.flatMap { Array($0.utf8) + [0] } }

    static func documents(_ output: [UInt8]) -> [[UInt8]] {
        guard !output.isEmpty else { return [] }
        return output.dropLast().split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    }

    @Test func thereAreRealAndMixedPages() {
        #expect(Self.realPages.count >= 8)
        #expect(Self.mixedPages.count == 120)
    }

    static let heuristicFlags: [[String]] = [[], ["--no-heuristics"], ["--heuristic", "classifier"]]

    @Test("--explain shows every input line once and keeps exactly the output", arguments: heuristicFlags)
    func explainAccountsForEveryLine(flags: [String]) throws {
        let pack = Self.spanPack()
        let options = ["-q", "-z", "--rules", pack.path] + flags
        let cleaned = Self.documents(try PareProcess.run(options, stdin: Self.nullSeparated).stdout)
        let explained = Self.documents(try PareProcess.run(options + ["--explain", "--color", "never"], stdin: Self.nullSeparated).stdout)
        #expect(cleaned.count == Self.pages.count && explained.count == Self.pages.count)
        var spanLines = 0
        for (number, (page, (output, shown))) in zip(Self.pages, zip(cleaned, explained)).enumerated() {
            let input = Self.normalisedLines(page)
            let rows = Self.lines(String(decoding: shown, as: UTF8.self))
            #expect(rows.count == input.count, "page \(number): \(rows.count) explain lines for \(input.count) input lines")
            var kept: [String] = []
            for (row, line) in zip(rows, input) {
                if row.hasPrefix("  ") {
                    let text = String(row.dropFirst(2))
                    #expect(text == line || (Self.isBlank(line) && text.isEmpty), "page \(number): \(row.debugDescription)")
                    kept.append(Self.keptForm(text))
                } else if row.hasPrefix("~ "), let end = row.range(of: "  [", options: .backwards) {
                    spanLines += 1
                    let marked = String(row[row.index(row.startIndex, offsetBy: 2)..<end.lowerBound])
                    kept.append(Self.keptForm(marked.replacingOccurrences(of: "\\[-.*?-\\]", with: "", options: .regularExpression)))
                } else if row == "-" {
                    #expect(Self.isBlank(line), "page \(number): a line with text removed as blank")
                } else {
                    #expect(row.hasPrefix("- " + line + "  ["), "page \(number): \(row.debugDescription) for \(line.debugDescription)")
                }
            }
            #expect(kept == Self.lines(String(decoding: output, as: UTF8.self)), "page \(number): kept lines differ from the output")
        }
        #expect(spanLines > 0)
    }

    @Test func documentsInEqualDocumentsOutInEveryFormat() throws {
        let cleaned = Self.documents(try PareProcess.run(["-q", "-z"], stdin: Self.nullSeparated).stdout)
        #expect(cleaned.count == Self.pages.count)

        let jsonlInput = Self.pages.indices.map { BulkCLITests.jsonlLine($0, text: Self.pages[$0]) }.joined(separator: "\n") + "\n"
        let jsonl = try PareProcess.run(["-q", "--format", "jsonl"], input: jsonlInput)
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let records = try BulkCLITests.parseLines(jsonl.stdout)
        #expect(records.count == Self.pages.count)
        #expect(records.map { $0["id"] as? String } == Self.pages.indices.map { "doc-\($0)" })
        #expect(records.map { Array(($0["text"] as? String ?? "").utf8) } == cleaned)

        let wet = TemporaryFile(BulkCLITests.wetFile(pages: Self.pages), suffix: ".warc.wet")
        let warc = try PareProcess.run(["-q", wet.path])
        #expect(warc.status == 0, "\(warc.stderr)")
        let bodies = BadInputTests.warcBodies(warc.stdout)
        #expect(bodies.count == Self.pages.count + 1)   // and the warcinfo record
        #expect(bodies.dropFirst().map(\.body) == cleaned)
        #expect(bodies.allSatisfy { $0.contentLength == $0.body.count })
    }

    static let formats = ["text", "jsonl", "wet"]

    @Test("-j 1 and -j 3 write the same bytes", arguments: formats)
    func oneAndManyWorkersAgree(format: String) throws {
        let input: TemporaryFile
        var options = ["-q", "--batch-bytes", "3000"]
        switch format {
        case "jsonl":
            input = TemporaryFile(Self.pages.indices.map { BulkCLITests.jsonlLine($0, text: Self.pages[$0]) }.joined(separator: "\n") + "\n",
                                  suffix: ".jsonl")
        case "wet":
            input = TemporaryFile(BulkCLITests.wetFile(pages: Self.pages), suffix: ".warc.wet")
        default:
            input = TemporaryFile(Self.nullSeparated)
            options.append("-z")
        }
        let one = try PareProcess.run(options + ["-j", "1", input.path])
        let three = try PareProcess.run(options + ["-j", "3", input.path])
        #expect(one.status == 0 && three.status == 0)
        #expect(!one.stdout.isEmpty)
        #expect(one.stdout == three.stdout)
    }

    // MARK: the documented text handling, written again

    /// README "How it works": CRLF, CR, U+2028 and U+2029 end lines; no-break and
    /// typographic spaces become spaces; a leading byte-order mark goes.
    static func normalisedLines(_ page: String) -> [String] {
        let bytes = BadInputTests.normalised(Array(page.utf8))
        return lines(String(decoding: bytes, as: UTF8.self))
    }

    /// Lines split at LF only (Swift's own splitting would also split at VT, FF, NEL,
    /// and join CR LF); a final LF ends the last line rather than starting one.
    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var parts = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if text.utf8.last == 0x0A { parts.removeLast() }
        return parts
    }

    static func isBlank(_ line: String) -> Bool { line.utf8.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) } }

    /// A kept line as printed: trailing spaces and tabs dropped, a blank line empty.
    static func keptForm(_ line: String) -> String {
        if isBlank(line) { return "" }
        var bytes = Array(line.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
