import Testing
@testable import Pare

@Suite("Normalize stage")
struct NormalizeStageTests {
    @Test func lineEndingsBecomeLF() {
        #expect(rendered(run(NormalizeStage(), on: "a\r\nb\rc\n")) == "a\nb\nc\n")
    }

    @Test func oddSpacesBecomeASCIISpaces() {
        let text = "a\u{00A0}b\u{2009}c\u{202F}d\u{3000}e\u{2028}f"
        #expect(rendered(run(NormalizeStage(), on: text)) == "a b c d e\nf\n")
    }

    @Test func leadingByteOrderMarkIsDropped() {
        #expect(rendered(run(NormalizeStage(), on: "\u{FEFF}hello\u{FEFF}")) == "hello\u{FEFF}\n")
    }

    @Test func documentsThatNeedNothingAreNotCopied() {
        #expect(NormalizeStage.normalize(Array("plain ascii\nand é ü ж 中\n".utf8)) == nil)
    }

    @Test func everyPositionInAnEightByteBlockIsSeen() {
        // The scan skips clean eight-byte blocks: a sequence to rewrite at any offset,
        // straddling a block's end, or in the short tail after the last block is found.
        for offset in 0..<20 {
            for (sequence, replaced) in [("\r\n", "\n"), ("\r", "\n"), ("\u{00A0}", " "), ("\u{2009}", " "), ("\u{3000}", " ")] {
                let prefix = String(repeating: "x", count: offset)
                let input = Array((prefix + sequence + "abcdefghijklmno").utf8)
                let expected = Array((prefix + replaced + "abcdefghijklmno").utf8)
                #expect(NormalizeStage.normalize(input) == expected, "offset \(offset)")
            }
        }
        let clean = Array(String(repeating: "plain text without a carriage return ", count: 9).utf8)
        #expect(NormalizeStage.normalize(clean) == nil)
        #expect(NormalizeStage.mayNeedRewriting(0x0D00_0000_0000_0000))
        #expect(NormalizeStage.mayNeedRewriting(0x0000_0000_0000_0080))
        #expect(!NormalizeStage.mayNeedRewriting(0x0E0C_4142_7A7F_2020))
    }

    @Test func invalidUTF8PassesThroughByteForByte() {
        let input: [UInt8] = [0x61, 0xC2, 0x0D, 0x0A, 0xE2, 0x80, 0xFF, 0xC3]
        #expect(NormalizeStage.normalize(input) == [0x61, 0xC2, 0x0A, 0xE2, 0x80, 0xFF, 0xC3])
    }
}

@Suite("Line-rule stage")
struct LineRuleStageTests {
    func stage(_ rules: String) throws -> LineRuleStage {
        LineRuleStage(rules: try RulePack(parsing: "pack t\n" + rules, file: "t.rules").rules)
    }

    @Test func dropsMatchingLinesAndRecordsRuleAndLine() throws {
        let s = try stage(ruleBlock(id: "t.ad"))
        let document = run(s, on: "Para one.\nAdvertisement\nPara two.\n")
        #expect(rendered(document) == "Para one.\nPara two.\n")
        #expect(document.removals.count == 1)
        #expect(document.removals[0].ruleID == "t.ad")
        #expect(document.removals[0].line == 1)
        #expect(document.removals[0].span == nil)
    }

    @Test func dropSpanRemovesMatchesAndTheSpaceAfterThem() throws {
        let s = try stage(ruleBlock(id: "t.span", action: "drop-span", pattern: "\\[ad\\]"))
        #expect(rendered(run(s, on: "one [ad] two [ad]\n")) == "one two\n")
        #expect(rendered(run(s, on: "[ad] lead\n")) == "lead\n")
        #expect(rendered(run(s, on: "glued[ad]text\n")) == "gluedtext\n")
    }

    @Test func lineLeftBlankBySpansIsRemovedWhole() throws {
        let s = try stage(ruleBlock(id: "t.span", action: "drop-span", pattern: "\\[ad\\]"))
        let document = run(s, on: "[ad]  [ad]\nkept\n")
        #expect(rendered(document) == "kept\n")
        #expect(document.removals.count == 1 && document.removals[0].span == nil)
    }

    @Test func maxWordsBoundsTheRule() throws {
        let s = try stage(ruleBlock(id: "t.short", pattern: "^Advertisement", extra: "  max-words 2"))
        #expect(rendered(run(s, on: "Advertisement here\nAdvertisement is a long word in this line\n"))
                == "Advertisement is a long word in this line\n")
    }

    @Test func listMarkersAndOtherMarksAreNoWords() throws {
        // "* Privacy Policy" is a two-word line: the bullet must not push a bulleted
        // menu item past a rule's bound.
        let s = try stage(ruleBlock(id: "t.short", pattern: "Privacy Policy", extra: "  max-words 2"))
        #expect(rendered(run(s, on: "* Privacy Policy\n• Privacy Policy —\n| Privacy Policy |\n» Privacy Policy\n1 Privacy Policy\n"))
                == "1 Privacy Policy\n")
        func words(_ text: String) -> Int {
            Array(text.utf8).withUnsafeBufferPointer { line in
                var counter = LineWordCounter(line)
                return counter.count()
            }
        }
        #expect(words("* Home") == 1)
        #expect(words("- - -") == 0)
        #expect(words("Größe • über → ΑΒΓ Ёлка 日本語") == 5)
        #expect(words("v2 _ 3.5 (a)") == 3)
        #expect(words("") == 0)
    }

    @Test func limitHitKeepsTheLineAndIsCounted() throws {
        let rule = try Rule(id: "user.e1", pattern: "^(a+)+$")
        let line = String(repeating: "a", count: 40) + "b"
        let document = run(LineRuleStage(rules: [rule]), on: line + "\n")
        #expect(rendered(document) == line + "\n")
        #expect(document.limitHits == ["user.e1": 1])
    }
}

@Suite("Tail-cut stage")
struct TailCutStageTests {
    func stage(tail: String = "40%") throws -> TailCutStage {
        let rules = try RulePack(parsing: """
            pack t
            rule t.comments
              action cut-tail
              pattern ^(?:\\d+ )?comments$
              tail \(tail)
              remove Comments
              keep Comments were many.
            """, file: "t.rules").rules
        return TailCutStage(rules: rules)
    }

    let article = (1...6).map { "Paragraph \($0) of the article, long enough to matter for the measure." }

    @Test func cutsFromAMarkerInTheTailToTheEnd() throws {
        let text = article.joined(separator: "\n") + "\nComments\nLoading...\nJoin now\n"
        let document = run(try stage(), on: text)
        #expect(rendered(document) == article.joined(separator: "\n") + "\n")
        #expect(document.removals.map(\.ruleID) == ["t.comments", "t.comments", "t.comments"])
    }

    @Test func anEarlyMarkerCannotEatTheArticle() throws {
        let text = "Comments\n" + article.joined(separator: "\n") + "\n"
        #expect(rendered(run(try stage(), on: text)) == text)
    }

    /// The tail cut judges a line as printed: a marker that only a span removal
    /// uncovers ("[ad] Comments") still starts the cut, in the first round and after.
    @Test func aMarkerLeftByASpanRemovalStartsTheCut() throws {
        let pack = try RulePack(parsing: """
            pack t
            about test
            rule t.ad
              about inline ad markers
              action drop-span
              pattern \\[ad\\]\\s*
              remove [ad] x
              keep adverts
            rule t.comments
              about comment widget
              action cut-tail
              pattern ^comments$
              remove Comments
              keep Comments are closed on Sundays.
            """, file: "t.rules")
        let cleaner = try Cleaner(packs: [pack], heuristic: .none)
        let text = article.joined(separator: "\n") + "\n[ad] Comments\nLoading...\n"
        #expect(cleaner.clean(text) == article.joined(separator: "\n") + "\n")
    }

    /// The line rules find the tail cut's candidate lines as they read first words
    /// (``DocumentMemo/tailCutCandidates``); the tail cut must cut exactly where it
    /// would with candidates of its own finding, on real pages and on lines whose
    /// first word only a span removal uncovers.
    @Test func candidatesFoundByTheLineRulesCutAsTheTailCutsOwn() throws {
        let span = try RulePack(parsing: """
            pack t
            rule t.ad
              action drop-span
              pattern \\[ad\\]\\s*
              remove [ad] x
              keep adverts
            """, file: "t.rules").rules
        let rules = try RulePack.defaults().flatMap(\.rules) + span
        let lineRules = LineRuleStage(rules: rules), tailCut = TailCutStage(rules: rules)
        var pages = try GoldenPageTests.cases.map {
            try String(contentsOf: GoldenPageTests.fixtures.appendingPathComponent($0).appendingPathComponent("input.txt"),
                       encoding: .utf8)
        }
        pages.append(article.joined(separator: "\n") + "\n[ad] Related posts\nOther story\n")
        pages.append(article.joined(separator: "\n") + "\n[ad]   Comments\nLoading...\n")
        #expect(pages.count > 3)
        var cuts = 0
        for page in pages {
            let scratch = MatchScratch(limits: .default)
            var shared = Document(bytes: Array(page.utf8))
            lineRules.apply(to: &shared, scratch: scratch)
            #expect(shared.memo.tailCutCandidates != nil)
            var own = shared
            own.memo.tailCutCandidates = nil
            tailCut.apply(to: &shared, scratch: scratch)
            tailCut.apply(to: &own, scratch: scratch)
            #expect(rendered(shared) == rendered(own))
            #expect(shared.removals.count == own.removals.count)
            if shared.removals.contains(where: { $0.stage == tailCut.name }) { cuts += 1 }
        }
        #expect(cuts >= 2)
    }

    @Test func theBoundIsTheShareOfTextCut() throws {
        // The marker starts the last ~50% of the text: allowed at 60%, not at 40%.
        let text = article[0..<3].joined(separator: "\n") + "\nComments\n" + article[3..<6].joined(separator: "\n") + "\n"
        #expect(rendered(run(try stage(tail: "40%"), on: text)) == text)
        #expect(rendered(run(try stage(tail: "60%"), on: text)) == article[0..<3].joined(separator: "\n") + "\n")
    }

    /// A Q&A thread: "Comments" under the question and under each answer. A heading
    /// that stands more than once belongs to the posts, and cutting at the first in the
    /// tail would take the answers below it.
    @Test func aRepeatedMarkerStartsNoCut() throws {
        let thread = [article[0], article[1], article[2], "comments", article[3], article[4], "Comments", article[5]]
        // Counts aside, "2 Comments" under one answer is the same heading.
        let counted = [article[0], article[1], article[2], "2 comments", article[3], article[4], "Comments", article[5]]
        #expect(rendered(run(try stage(tail: "60%"), on: counted.joined(separator: "\n") + "\n"))
                == counted.joined(separator: "\n") + "\n")
        let text = thread.joined(separator: "\n") + "\n"
        #expect(rendered(run(try stage(tail: "60%"), on: text)) == text)
        // The same page with the heading once is cut there.
        let once = thread.enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: "\n") + "\n"
        #expect(rendered(run(try stage(tail: "60%"), on: once))
                == [article[0], article[1], article[2], article[3], article[4]].joined(separator: "\n") + "\n")
    }

    /// Past ``Document/maximumRepeatedLinesPassedOver`` repeated headings the page gets no
    /// cut, even from a heading further down that stands once: each repeat test reads
    /// the whole page, and a tail of that many is a thread, not the page's close.
    @Test func manyRepeatedHeadingsEndTheSearch() throws {
        let stage = TailCutStage(rules: try RulePack(parsing: """
            pack t
            rule t.comments
              action cut-tail
              pattern ^comments$
              pattern ^join the discussion$
              tail 95%
              remove Comments
              keep Comments were many.
            """, file: "t.rules").rules)
        let bound = Document.maximumRepeatedLinesPassedOver
        func page(repeats: Int) -> String {
            let thread = (0..<repeats).flatMap { _ in ["Comments", "A reply that says little."] }
            return (article + thread + ["Join the discussion", "Last reply."]).joined(separator: "\n") + "\n"
        }
        // Below the bound, the heading at the end that stands once still cuts.
        let few = page(repeats: bound - 1)
        #expect(rendered(run(stage, on: few)).hasSuffix("A reply that says little.\n"))
        let many = page(repeats: bound + 1)
        #expect(rendered(run(stage, on: many)) == many)
    }
}

@Suite("Tidy stage")
struct TidyStageTests {
    @Test func collapsesBlankRunsAndTrimsEnds() {
        let document = run(TidyStage(), on: "\n  \nA\n\n\n \nB  \t\n\n")
        #expect(rendered(document) == "A\n\nB\n")
        #expect(document.removals.allSatisfy { $0.ruleID == TidyStage.blankLineRule })
    }

    @Test func emptyAndBlankInputGiveEmptyOutput() {
        #expect(rendered(run(TidyStage(), on: "")) == "")
        #expect(rendered(run(TidyStage(), on: " \n\t\n")) == "")
    }

    @Test func outputEndsWithOneLineFeed() {
        #expect(rendered(run(TidyStage(), on: "no newline")) == "no newline\n")
    }
}
