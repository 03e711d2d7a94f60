import Testing
@testable import Pare

/// Properties that hold for every page (issue 6, part 3), over generated pages and with
/// every heuristic: what Pare keeps is the normalised input minus the removals it
/// reports, in order, byte for byte apart from the documented tidying; the removals
/// and the kept lines account for every input line; cleaning the output again changes
/// nothing. `scripts/check-invariants` checks the same over the development set.
@Suite("Invariants over generated pages")
struct InvariantTests {
    static let seeds: [UInt64] = Array(1...200)

    static let heuristics: [(name: String, heuristic: Heuristic)] = [
        ("rules only", .none),
        ("adaptive (default)", .adaptive()),
        ("content region", .contentRegion(.default)),
        ("conservative", .contentRegion(.conservative)),
        ("classifier", .lineClassifier()),
    ]

    /// The default packs plus a drop-span rule, so that spans are exercised too (the
    /// default packs have none).
    static let cleaners: [Cleaner] = heuristics.map { entry in
        let span = try! Rule(id: "generated.ad-marker", pack: "generated", action: .dropSpan, pattern: "\\[ad\\]")
        return try! Cleaner(extraRules: [span], heuristic: entry.heuristic)
    }

    static func pages() -> [(seed: UInt64, bytes: [UInt8])] {
        seeds.map { seed in
            var generator = PageGenerator(seed: seed)
            return (seed, generator.page())
        }
    }

    @Test func theGeneratorMakesVariedPages() {
        let pages = Self.pages().map(\.bytes)
        #expect(pages.contains { $0.contains(0x0D) })
        #expect(pages.contains { $0.starts(with: [0xEF, 0xBB, 0xBF]) })
        #expect(pages.contains { String(decoding: $0, as: UTF8.self).contains("\u{00A0}") })
        let cleaner = Self.cleaners[0]
        // Each kind of removal happens somewhere: whole lines, spans, blank lines.
        let removals = pages.flatMap { cleaner.cleanWithReport(bytes: $0).removals }
        #expect(removals.contains { $0.span != nil })
        #expect(removals.contains { $0.span == nil && $0.stage == "line-rules" })
        #expect(removals.contains { $0.stage == "tidy" })
    }

    @Test("Input lines are the normalised input, line for line", arguments: heuristics.indices)
    func inputLinesAreTheNormalisedInput(heuristic: Int) {
        let cleaner = Self.cleaners[heuristic]
        for (seed, page) in Self.pages() {
            let result = cleaner.cleanWithReport(bytes: page)
            let reference = ReferenceText.lines(of: ReferenceText.normalised(page))
            #expect(result.inputLines.count == reference.count, "seed \(seed)")
            for (shown, line) in zip(result.inputLines, reference) {
                // A blank line kept between paragraphs is shown emptied by the tidying.
                let expected = String(decoding: line, as: UTF8.self)
                #expect(shown == expected || (ReferenceText.isBlank(line) && shown.isEmpty), "seed \(seed): \(shown.debugDescription)")
            }
        }
    }

    @Test("Output is the input minus the reported removals", arguments: heuristics.indices)
    func outputIsInputMinusRemovals(heuristic: Int) {
        let cleaner = Self.cleaners[heuristic]
        for (seed, page) in Self.pages() {
            let result = cleaner.cleanWithReport(bytes: page)
            let lines = ReferenceText.lines(of: ReferenceText.normalised(page))
            var removedWhole = Set<Int>()
            var spans: [Int: [Range<Int>]] = [:]
            for removal in result.removals {
                let index = removal.lineNumber - 1
                guard lines.indices.contains(index) else {
                    Issue.record("seed \(seed): removal on line \(removal.lineNumber) of \(lines.count)")
                    continue
                }
                if let span = removal.span {
                    #expect(span.upperBound <= lines[index].count, "seed \(seed)")
                    #expect(removal.text == String(decoding: lines[index][span.clamped(to: 0..<lines[index].count)], as: UTF8.self),
                            "seed \(seed): span text")
                    spans[index, default: []].append(span)
                } else {
                    #expect(removedWhole.insert(index).inserted, "seed \(seed): line \(removal.lineNumber) removed twice")
                    if removal.stage != "tidy" {
                        #expect(removal.text == String(decoding: lines[index], as: UTF8.self), "seed \(seed): removed text")
                    } else {
                        #expect(ReferenceText.isBlank(lines[index]), "seed \(seed): tidy removed a line with text")
                    }
                }
            }
            var rebuilt: [UInt8] = []
            for (index, line) in lines.enumerated() where !removedWhole.contains(index) {
                rebuilt += ReferenceText.keptForm(ReferenceText.cutting(spans[index] ?? [], from: line))
                rebuilt.append(0x0A)
            }
            #expect(rebuilt == result.bytes, "seed \(seed): output differs from input minus removals")
            #expect(cleaner.clean(bytes: page) == result.bytes, "seed \(seed): clean and cleanWithReport differ")
        }
    }

    @Test("Output is tidy: no blank line first, last or twice in a row; ends with one LF", arguments: heuristics.indices)
    func outputIsTidy(heuristic: Int) {
        let cleaner = Self.cleaners[heuristic]
        for (seed, page) in Self.pages() {
            let output = cleaner.clean(bytes: page)
            guard !output.isEmpty else { continue }
            #expect(output.last == 0x0A, "seed \(seed)")
            let lines = ReferenceText.lines(of: output)
            #expect(!lines.first!.isEmpty && !lines.last!.isEmpty, "seed \(seed)")
            #expect(!zip(lines, lines.dropFirst()).contains { $0.isEmpty && $1.isEmpty }, "seed \(seed)")
            #expect(!lines.contains { $0.last == 0x20 || $0.last == 0x09 }, "seed \(seed): trailing space")
        }
    }

    @Test("Cleaning the output again changes nothing", arguments: heuristics.indices)
    func idempotent(heuristic: Int) {
        let cleaner = Self.cleaners[heuristic]
        for (seed, page) in Self.pages() {
            let once = cleaner.clean(bytes: page)
            let twice = cleaner.clean(bytes: once)
            #expect(twice == once, "seed \(seed), \(Self.heuristics[heuristic].name): a second pass changed the output")
        }
    }
}

/// Pare's documented text handling, written again independently of its code, to check
/// it against.
enum ReferenceText {
    /// README "How it works", normalize: CRLF and lone CR become LF (so do U+2028 and
    /// U+2029); no-break and typographic spaces (U+00A0, U+2000–U+200A, U+202F, U+205F,
    /// U+3000) become a space; a leading byte-order mark goes.
    static func normalised(_ input: [UInt8]) -> [UInt8] {
        var bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        bytes.append(0)   // a sentinel, so that look-ahead needs no bounds checks
        let n = bytes.count - 1
        while i < n {
            let b = bytes[i]
            if b == 0x0D {
                out.append(0x0A)
                i += bytes[i + 1] == 0x0A ? 2 : 1
            } else if b == 0xC2 && bytes[i + 1] == 0xA0 {
                out.append(0x20); i += 2
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (0x80...0x8A).contains(bytes[i + 2]) {
                out.append(0x20); i += 3
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xAF {
                out.append(0x20); i += 3
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x81 && bytes[i + 2] == 0x9F {
                out.append(0x20); i += 3
            } else if b == 0xE3 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 {
                out.append(0x20); i += 3
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                out.append(0x0A); i += 3
            } else {
                out.append(b); i += 1
            }
        }
        return out
    }

    /// Lines split at LF; a final LF ends the last line rather than starting one.
    static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        guard !bytes.isEmpty else { return [] }
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == 0x0A { parts.removeLast() }
        return parts
    }

    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// A kept line as it is printed: trailing spaces and tabs dropped; a blank line
    /// kept between paragraphs is printed empty.
    static func keptForm(_ line: [UInt8]) -> [UInt8] {
        if isBlank(line) { return [] }
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        return line
    }

    static func cutting(_ spans: [Range<Int>], from line: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var position = 0
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if span.lowerBound > position { out += line[position..<min(span.lowerBound, line.count)] }
            position = max(position, span.upperBound)
        }
        if position < line.count { out += line[position...] }
        return out
    }
}
