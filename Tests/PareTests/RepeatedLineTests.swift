import Testing
@testable import Pare

@Suite("Repeated lines")
struct RepeatedLineStageTests {
    let stage = RepeatedLineStage(stopwords: .defaults)
    let description = "Make each cup of tea feel special with a mug thrown on the wheel."
    let care = "Suitable for dishwashers and microwave ovens, but take care when stacking them."

    @Test func aCopyOfALongLineGoesAndTheFirstStays() {
        let text = "White mug\n\(description)\n\(care)\nAdd to cart\n\(description)\n\(care)\n"
        let document = run(stage, on: text)
        #expect(rendered(document) == "White mug\n\(description)\n\(care)\nAdd to cart\n")
        #expect(document.removals.map(\.line) == [4, 5])
        #expect(document.removals.allSatisfy { $0.ruleID == RepeatedLineStage.rule })
        guard case .repeatedLine(let first) = document.removals[0].detail else {
            Issue.record("no repeat detail")
            return
        }
        #expect(first == 1)
        #expect(document.removals[0].detail.text == "repeats line 2 word for word")
    }

    @Test func caseSpacingAndPunctuationDoNotMatter() {
        let copy = "  MAKE each cup of tea -- feel special, with a mug thrown on the wheel!"
        let document = run(stage, on: "\(description)\n\(copy)\n")
        #expect(rendered(document) == "\(description)\n")
    }

    @Test func oneDifferentWordIsNoCopy() {
        let other = "Make each cup of coffee feel special with a mug thrown on the wheel."
        let longer = description + " Twice."
        let text = "\(description)\n\(other)\n\(longer)\n"
        #expect(rendered(run(stage, on: text)) == text)
    }

    @Test func shortLinesMayRepeat() {
        // Fields of a card grid: the same date or price under each card is content.
        let text = "Up to $300 off\nBOOK: By Dec 31, 2025\nUp to $200 off\nBOOK: By Dec 31, 2025\nReply\nReply\n"
        #expect(rendered(run(stage, on: text)) == text)
        let seven = "one two three four five six seven"
        #expect(rendered(run(stage, on: "\(seven)\n\(seven)\n")) == "\(seven)\n\(seven)\n")
        let eight = seven + " eight"
        #expect(rendered(run(stage, on: "\(eight)\n\(eight)\n")) == "\(eight)\n")
    }

    @Test func ideographsCountAsHalfAWordAndAreComparedOneByOne() {
        let sixteen = "今日は良い天気です今日は良い天気で"    // 16 ideographs: 8 words
        #expect(rendered(run(stage, on: "\(sixteen)\n\(sixteen)\n")) == "\(sixteen)\n")
        let other = "今日は悪い天気です今日は良い天気で"
        #expect(rendered(run(stage, on: "\(sixteen)\n\(other)\n")) == "\(sixteen)\n\(other)\n")
    }

    @Test func aCopyOfARemovedLineIsJudgedOnItsOwn() {
        var document = Document(bytes: Array("\(description)\n\(description)\n\(description)\n".utf8))
        document.removeLine(0, rule: "test", stage: "test")
        stage.apply(to: &document, scratch: MatchScratch(limits: .default))
        #expect(rendered(document) == "\(description)\n")
        #expect(document.removals.last?.line == 2)
    }

    @Test func linesThatOnlyShareAHashAreNoCopiesAndCostABoundedNumberOfChecks() {
        // Different lines all given one hash, as a page built to collide FNV-1a would.
        let lines = (0..<200).map { "Line number \($0) of a page that was made to collide on every hash" }
        let document = Document(bytes: Array((lines + [lines[0]]).joined(separator: "\n").utf8))
        var table = RepeatedLineTable(capacity: lines.count + 1)
        for index in lines.indices {
            #expect(table.firstLine(withWordsOf: index, hash: 42, in: document) == nil)
        }
        #expect(table.checks <= lines.count * RepeatedLineTable.maximumMismatches)
        // A real copy is still found while the chain is short.
        var fresh = RepeatedLineTable(capacity: 4)
        #expect(fresh.firstLine(withWordsOf: 0, hash: 7, in: document) == nil)
        #expect(fresh.firstLine(withWordsOf: lines.count, hash: 7, in: document) == 0)
    }

    @Test func theWordKeyIsTheLowerCasedWordsEachEndedByZero() {
        let bytes = Array("Ça VA, l’homme? 42 今日".utf8)
        var key: [UInt8] = []
        let counts = bytes.withUnsafeBufferPointer { WordScanner().appendWordKey($0, 0..<bytes.count, to: &key) }
        let expected: [UInt8] = ["ça", "va", "l", "homme", "42", "今", "日"].flatMap { Array($0.utf8) + [UInt8(0)] }
        #expect(key == expected)
        #expect(counts.words == 5)
        #expect(counts.ideographs == 2)
    }
}

@Suite("Repeated lines in the cleaner")
struct RepeatedLineCleanerTests {
    let paragraph = "The council voted on Tuesday to build a network of protected bike lanes across the city."

    func page(_ middle: String) -> String {
        [paragraph, "Supporters said that the lanes would make it safe for parents and for older residents to ride.",
         middle, "The first segment of the network is due to open along the river in the spring of next year.",
         paragraph].joined(separator: "\n") + "\n"
    }

    @Test func everyHeuristicRemovesCopiesButRulesOnlyKeepThem() throws {
        let text = page("Opponents worry about the cost of the project and about the loss of parking spaces downtown.")
        for heuristic in [Heuristic.contentRegion(.default), .contentRegion(.conservative), .lineClassifier()] {
            let output = try Cleaner(heuristic: heuristic).clean(text)
            #expect(output.components(separatedBy: paragraph).count == 2, "\(heuristic)")
        }
        #expect(try Cleaner(heuristic: .none).clean(text) == text)
        #expect(try Cleaner(removesRepeatedLines: false).clean(text) == text)
    }

    @Test func theClassifierRemovesCopiesOnAPageItScores() throws {
        // Over 100 words, so the classifier scores the page itself (below, the content
        // region decides, after the repeated-lines stage).
        let paragraphs = [
            paragraph,
            "Supporters said that the lanes would make it safe for parents and for older residents to ride to work.",
            "Opponents worry about the cost of the project and about the loss of parking spaces in the old town.",
            "The first segment of the network is due to open along the river in the spring of next year.",
            "A second segment will link the university with the main railway station by the end of the decade.",
            "The mayor said that the city would publish the final routes after a last round of public meetings.",
            "Shop owners on the main street asked for more loading bays before the works begin in their part of town.",
        ]
        let text = (paragraphs + [paragraph]).joined(separator: "\n\n") + "\n"
        let result = try Cleaner(heuristic: .lineClassifier()).cleanWithReport(text)
        #expect(result.text.components(separatedBy: paragraph).count == 2)
        let removal = try #require(result.removals.first { $0.ruleID == RepeatedLineStage.rule })
        #expect(removal.stage == "line-classifier")
        #expect(removal.lineNumber == 15)
        #expect(removal.detail == "repeats line 1 word for word")
        #expect(try Cleaner(heuristic: .lineClassifier(), removesRepeatedLines: false).clean(text)
                    .components(separatedBy: paragraph).count == 3)
    }

    @Test func theClassifierTellsIdeographLinesApart() throws {
        // Lines without \w words share the classifier's folded-line hash; their copies
        // must still be found, and different lines kept.
        let ideographs = Array("日本語の文章を書く時には漢字と仮名を使います東京大阪京都名古屋福岡札幌")
        let lines = (0..<14).map { i in String((0..<16).map { ideographs[(i * 3 + $0) % ideographs.count] }) }
        let page = (lines + [lines[0]]).joined(separator: "\n") + "\n"
        let cleaner = try Cleaner(heuristic: .lineClassifier(LineClassifierOptions(keepThreshold: 0)))
        let result = cleaner.cleanWithReport(page)
        #expect(result.text == lines.joined(separator: "\n") + "\n")
        #expect(result.removals.map(\.ruleID) == [RepeatedLineStage.rule])
    }

    @Test func explainNamesTheFirstOccurrence() throws {
        let result = try Cleaner().cleanWithReport(page("Opponents worry about the cost of the whole project."))
        let removal = try #require(result.removals.first { $0.ruleID == RepeatedLineStage.rule })
        #expect(removal.lineNumber == 5)
        #expect(removal.stage == "repeated-lines")
        #expect(removal.detail == "repeats line 1 word for word")
    }
}
