import Testing
@testable import Pare

@Suite("Closing chrome")
struct ClosingChromeStageTests {
    let stage = ClosingChromeStage(markerRules: ["share.label"], options: .default, stopwords: .defaults)
    /// Ten words a line.
    let paragraph = "The council voted on Tuesday to keep the library open."
    let bio = "Jane Doe writes about cities and their libraries for us."

    /// A document whose lines `markers` the rule `share.label` has removed, as the line
    /// rules would have.
    func document(_ lines: [String], markers: [Int], rule: String = "share.label") -> Document {
        var document = Document(bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
        for line in markers { document.removeLine(line, rule: rule, stage: "line-rules") }
        return document
    }

    func apply(_ document: inout Document, stage: ClosingChromeStage? = nil) {
        (stage ?? self.stage).apply(to: &document, scratch: MatchScratch(limits: .default))
    }

    /// Short link lines, as a tag cloud or a footer menu: no running text.
    let links = (1...40).map { "* Topic \($0)" }

    @Test func whatIsKeptBelowChromeInTheTailGoes() {
        // 80 words of text, the share label, 20 words below it: a fifth of the words.
        var page = document(Array(repeating: paragraph, count: 8) + ["Share this article", bio, paragraph], markers: [8])
        apply(&page)
        #expect(rendered(page) == Array(repeating: paragraph, count: 8).map { $0 + "\n" }.joined())
        let cut = page.removals.filter { $0.ruleID == ClosingChromeStage.rule }
        #expect(cut.map(\.line) == [9, 10])
        guard case .afterClosingChrome(let marker, let rule, let share, let runningTextShare) = cut[0].detail else {
            Issue.record("no closing-chrome detail")
            return
        }
        #expect(marker == 8)
        #expect(rule == "share.label")
        #expect(share == 0.2)
        // The bio and the paragraph below the label: 2 of the page's 10 lines of running text.
        #expect(runningTextShare == 0.2)
        #expect(cut[0].detail.text
                == "below line 9 (share.label), closing chrome in the last 20% of the kept words and the last 20% of their running text")
    }

    @Test func chromeHigherUpIsABoxInTheText() {
        // 60 words above, 40 below: the article goes on under a share box.
        let lines = Array(repeating: paragraph, count: 6) + ["Share"] + Array(repeating: paragraph, count: 4)
        var page = document(lines, markers: [6])
        apply(&page)
        #expect(page.removals.count == 1)
    }

    @Test func onlyChromeOfAnEndsContentRuleCounts() {
        var page = document(Array(repeating: paragraph, count: 8) + ["Tweet", bio], markers: [8], rule: "share.tweet")
        apply(&page)
        #expect(page.removals.count == 1)
    }

    @Test func chromeThatRepeatsBelongsToTheItemsOfAThread() {
        // "Share" under every post is no end; the unique label further down is.
        let lines = Array(repeating: paragraph, count: 7) + ["Share", paragraph, "  SHARE ", "Share this thread", bio]
        var page = document(lines, markers: [7, 9, 10])
        apply(&page)
        #expect(page.removals.filter { $0.ruleID == ClosingChromeStage.rule }.map(\.line) == [11])
        #expect(page.textRepeats(ofLine: 7))
        #expect(!page.textRepeats(ofLine: 10))
    }

    @Test func aPageIsCutOnce() {
        // After the first cut the chrome above falls within the bound; it must not cut.
        let lines = Array(repeating: paragraph, count: 6) + ["Share", paragraph, paragraph, "Share this", bio]
        var page = document(lines, markers: [6, 9])
        apply(&page)
        #expect(page.removals.filter { $0.ruleID == ClosingChromeStage.rule }.map(\.line) == [10])
        apply(&page)
        #expect(page.removals.filter { $0.ruleID == ClosingChromeStage.rule }.map(\.line) == [10])
    }

    @Test func chromeAboveALongTailOfLinksEndsTheContent() {
        // 30 words of text, the label, 80 words of links: far past the word bound, but
        // no running text stands below the label.
        var page = document(Array(repeating: paragraph, count: 3) + ["Share this article"] + links, markers: [3])
        apply(&page)
        #expect(rendered(page) == Array(repeating: paragraph, count: 3).map { $0 + "\n" }.joined())
        #expect(page.removals.last?.detail.text
                == "below line 4 (share.label), closing chrome in the last 73% of the kept words and the last 0% of their running text")
        // Off, only the word bound holds.
        let wordsOnly = ClosingChromeStage(markerRules: ["share.label"],
                                           options: ContentRegionOptions(closingChromeMaximumRunningTextTail: 0),
                                           stopwords: .defaults)
        var again = document(Array(repeating: paragraph, count: 3) + ["Share this article"] + links, markers: [3])
        apply(&again, stage: wordsOnly)
        #expect(again.removals.count == 1)
    }

    @Test func paragraphsBelowTheChromeKeepTheLinksBelowThemToo() {
        // Two of the page's eight paragraphs stand below the label: a quarter of its
        // running text, more than the bound, so the chrome is a box in the article.
        let lines = Array(repeating: paragraph, count: 6) + ["Share this article"]
            + Array(repeating: paragraph, count: 2) + links
        var page = document(lines, markers: [6])
        apply(&page)
        #expect(page.removals.count == 1)
    }

    @Test func chromeAtTheVeryEndCutsNothing() {
        var page = document(Array(repeating: paragraph, count: 3) + ["Share"], markers: [3])
        apply(&page)
        #expect(page.removals.count == 1)
        #expect(!page.memo.closingChromeCut)
    }

    @Test func theDefaultCleanerCutsBelowAShareBarAndTheConservativeOneDoesNot() throws {
        // Distinct paragraphs: copies of a long line would go as repeated lines.
        let article = (1...9).map { "The council voted on Tuesday to keep library number \($0) open." }
            .joined(separator: "\n\n")
        let text = article + "\n\nShare this article\n\n" + bio + "\n"
        #expect(try Cleaner().clean(text) == article + "\n")
        let conservative = try Cleaner(heuristic: .adaptive(.conservative))
        #expect(conservative.clean(text) == article + "\n\n" + bio + "\n")
        // Rules only: the label goes, the text below it stays.
        #expect(try Cleaner(heuristic: .none).clean(text) == article + "\n\n" + bio + "\n")
    }
}
