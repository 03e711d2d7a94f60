import Foundation
import Testing
@testable import Pare

@Suite("Line classifier")
struct LineClassifierTests {
    /// Two trees over two features; the expected scores are worked out by hand.
    let tinyModel = """
        # a hand-made model
        features 2
        feature 0 a
        feature 1 b
        stage 1 kind gbt trees 2 base 0.5
        stage 1 threshold 0.3
        node 1 0 0 1 2.5 1 2 0
        node 1 0 1 -1 0 0 0 -1.0
        node 1 0 2 -1 0 0 0 2.0
        node 1 1 0 0 0.0 1 2 0
        node 1 1 1 -1 0 0 0 0.25
        node 1 1 2 -1 0 0 0 -0.75
        """

    @Test func embeddedModelParses() {
        let model = LineModel.embedded
        #expect(model.treeCount == 100)
        #expect(model.featureCount == 122)
        #expect(model.featureNames == LineFeatures.names)
        #expect(model.threshold == 0.225)
    }

    @Test func evaluatesAHandMadeModel() throws {
        let model = try LineModel(text: tinyModel)
        #expect(model.treeCount == 2)
        #expect(model.threshold == 0.3)
        // x = (1, 3): right (2.0), right (-0.75): 0.5 + 2.0 - 0.75 = 1.75
        #expect(abs(model.probability([1, 3]) - 1 / (1 + exp(-1.75))) < 1e-12)
        // x = (0, 2.5): thresholds are inclusive on the left: -1.0 + 0.25 + 0.5 = -0.25
        #expect(abs(model.probability([0, 2.5]) - 1 / (1 + exp(0.25))) < 1e-12)
    }

    @Test func parseErrorsNameTheLine() {
        let broken = tinyModel.replacingFirst("node 1 0 2 -1 0 0 0 2.0", with: "node 1 0 2 -1 0 0 0 two")
        #expect(throws: LineModelError.self) { try LineModel(text: broken) }
        do {
            _ = try LineModel(text: broken)
        } catch {
            #expect(error.line == 9)
            #expect(error.description.contains("line 9"))
        }
        do {
            _ = try LineModel(text: tinyModel.replacingFirst("stage 1 threshold 0.3", with: "# no threshold"))
            Issue.record("a model without a threshold parsed")
        } catch {
            #expect(error.line == 0)
            #expect(error.description.contains("threshold"))
        }
        do {
            _ = try LineModel(text: "features 2\nfeature 0 a\nwhatever 1\n")
            Issue.record("an unknown record parsed")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func keepsTheProseOfASimplePage() {
        let page = """
            Home
            Products
            Pricing
            Blog
            Login

            Why the river keeps changing its course

            The river has moved several times over the last century, and each time the town had to follow it.
            Engineers built walls and dams, but the water always found a new way to the sea in the end.
            Today the people who live here have learned to plan for the changes instead of fighting them.

            Terms
            Privacy
            Cookies
            (c) 2024 Example Inc.

            """
        let document = run(LineClassifierStage(minimumPageWords: 0), on: page)
        let text = rendered(document)
        #expect(text.contains("The river has moved several times"))
        #expect(text.contains("Today the people who live here"))
        #expect(!text.contains("Pricing"))
        #expect(!text.contains("Privacy"))
        let removal = document.publicRemovals().first { $0.text == "Home" }
        #expect(removal?.ruleID == LineClassifierStage.lineRule)
        #expect(removal?.stage == "line-classifier")
        #expect(removal?.detail?.hasPrefix("classifier: p(content) 0.") == true)
        #expect(removal?.detail?.hasSuffix(" < 0.225") == true)
    }

    /// Units of a virtual page, each on its own line with one blank line between
    /// (`gaps` overrides the blank lines before a unit).
    private func units(_ specs: [(words: Int, prose: Bool, bullet: Int)], gaps: [Int: Int] = [:])
        -> ([LineFeatures.Unit], [Bool]) {
        var units: [LineFeatures.Unit] = []
        var blank: [Bool] = []
        for (k, spec) in specs.enumerated() {
            for _ in 0..<(gaps[k] ?? (k == 0 ? 0 : 1)) { blank.append(true) }
            var unit = LineFeatures.Unit()
            unit.line = blank.count
            unit.nw = spec.words
            unit.words = spec.words
            unit.prose = spec.prose
            unit.bullet = spec.bullet
            units.append(unit)
            blank.append(false)
        }
        return (units, blank)
    }

    @Test func takesBackTheHeadlineAboveTheFirstKeptParagraph() {
        // menu item, headline, paragraph, paragraph: the model dropped the headline.
        let (page, blank) = units([(1, false, 1), (8, false, 0), (30, true, 0), (25, true, 0)])
        #expect(NeighbourRevision.title(of: page, keep: [false, false, true, true], lineIsBlank: blank) == 1)
    }

    @Test func leavesButtonsListItemsAndDistantLinesToTheModel() {
        let keep = [false, false, true]
        // "Sign in" above the text: too short for a headline.
        let (button, blank1) = units([(1, false, 1), (2, false, 0), (30, true, 0)])
        #expect(NeighbourRevision.title(of: button, keep: keep, lineIsBlank: blank1) == nil)
        // A list item is the end of a menu, not a title.
        let (item, blank2) = units([(1, false, 1), (6, false, 1), (30, true, 0)])
        #expect(NeighbourRevision.title(of: item, keep: keep, lineIsBlank: blank2) == nil)
        // Two blank lines (a separate block) or a non-blank line between: not right above.
        let (far, blank3) = units([(1, false, 1), (6, false, 0), (30, true, 0)], gaps: [2: 2])
        #expect(NeighbourRevision.title(of: far, keep: keep, lineIsBlank: blank3) == nil)
        let (symbol, blank) = units([(1, false, 1), (6, false, 0), (30, true, 0)])
        var blank4 = blank
        blank4[symbol[2].line - 1] = false          // "* * *" between title and text
        #expect(NeighbourRevision.title(of: symbol, keep: keep, lineIsBlank: blank4) == nil)
        // Nothing to take back when the model kept no prose, or kept the line itself.
        let (page, blank5) = units([(1, false, 1), (6, false, 0), (30, true, 0)])
        #expect(NeighbourRevision.title(of: page, keep: [false, false, false], lineIsBlank: blank5) == nil)
        #expect(NeighbourRevision.title(of: page, keep: [false, true, true], lineIsBlank: blank5) == nil)
    }

    @Test func takesBackAParagraphRightAfterAKeptOne() {
        // paragraph (kept), paragraph (dropped), paragraph (dropped), short prose (dropped)
        let (page, blank) = units([(30, true, 0), (20, true, 0), (18, true, 0), (9, true, 0)])
        let probability = [0.9, 0.2, 0.1, 0.1]
        let keep = [true, false, false, false]
        // Only the one the model's own kept paragraph vouches for: no chain.
        #expect(NeighbourRevision.followingParagraphs(of: page, probability: probability, keep: keep,
                                                      lineIsBlank: blank) == [1])
        var revised = keep
        NeighbourRevision.revise(&revised, probability: probability, units: page, lineIsBlank: blank)
        #expect(revised == [true, true, false, false])
        // A borderline keep vouches for nothing: it may go in the next round.
        #expect(NeighbourRevision.followingParagraphs(of: page, probability: [0.3, 0.2, 0.1, 0.1], keep: keep,
                                                      lineIsBlank: blank).isEmpty)
    }

    @Test func leavesShortProseListsAndSeparateBlocksToTheModel() {
        // Short prose after the article: a call to action.
        let keep = [true, false], probability = [0.9, 0.1]
        let (cta, blank1) = units([(30, true, 0), (9, true, 0)])
        #expect(NeighbourRevision.followingParagraphs(of: cta, probability: probability, keep: keep,
                                                      lineIsBlank: blank1).isEmpty)
        // After a kept line that is not prose (a heading), or two blank lines away.
        let (heading, blank2) = units([(3, false, 0), (30, true, 0)])
        #expect(NeighbourRevision.followingParagraphs(of: heading, probability: probability, keep: keep,
                                                      lineIsBlank: blank2).isEmpty)
        let (far, blank3) = units([(30, true, 0), (30, true, 0)], gaps: [1: 2])
        #expect(NeighbourRevision.followingParagraphs(of: far, probability: probability, keep: keep,
                                                      lineIsBlank: blank3).isEmpty)
    }

    /// The explanation of a removed line names the features that lowered its score,
    /// with the line's values; cleaning without a report does not work them out.
    @Test func explainsARemovalByTheFeaturesAgainstIt() throws {
        let page = """
            Home
            World
            Sport
            Culture

            How one small town saved its library

            The council voted last autumn to close the town library, and within three weeks more than two hundred volunteers had signed up to keep it open.

            Today the library opens six days a week, and the volunteers run the lending desk, readings for children and a delivery service for older people.

            “We wanted to save a place where people meet, not just a building,” said a spokeswoman for the group of volunteers who run it now.

            The town still pays the rent and the electricity, while most of the new books now come from donations made by families and local shops.

            Terms
            Privacy
            """
        let report = try Cleaner(packs: [], heuristic: .lineClassifier()).cleanWithReport(page)
        let removal = try #require(report.removals.first { $0.text == "Privacy" })
        let detail = try #require(removal.detail)
        #expect(detail.hasPrefix("classifier: p(content) 0."))
        let reasons = try #require(detail.split(separator: ";").last)
        #expect(reasons.hasPrefix(" most against: "))
        let named = reasons.dropFirst(" most against: ".count).split(separator: ",")
        #expect(named.count == LineClassifierStage.reasonsPerLine)
        for reason in named {
            let name = reason.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            #expect(LineFeatures.names.contains(name))
            #expect(reason.contains("(-"))
        }
        let document = run(LineClassifierStage(minimumPageWords: 0), on: page)
        #expect(document.publicRemovals().first { $0.text == "Privacy" }?.detail?.contains("against") == false)
    }

    static let classifier = try! Cleaner(heuristic: .lineClassifier())

    @Test func aLowerKeepThresholdKeepsMoreDownToEveryUnitAtZero() throws {
        func classifierRemovals(_ threshold: Double?, _ input: String) throws -> Set<Int> {
            let cleaner = try Cleaner(heuristic: .lineClassifier(LineClassifierOptions(keepThreshold: threshold)),
                                      removesRepeatedLines: false)
            return Set(cleaner.cleanWithReport(input).removals
                .filter { $0.ruleID == LineClassifierStage.lineRule }.map(\.lineNumber))
        }
        var shippedTotal = 0, conservativeTotal = 0
        for name in GoldenPageTests.cases {
            let input = try String(contentsOf: GoldenPageTests.fixtures.appendingPathComponent(name)
                .appendingPathComponent("input.txt"), encoding: .utf8)
            let shipped = try classifierRemovals(nil, input)
            let conservative = try classifierRemovals(LineClassifierOptions.conservative.keepThreshold, input)
            #expect(conservative.isSubset(of: shipped), "\(name)")
            #expect(try classifierRemovals(0, input).isEmpty, "\(name)")
            shippedTotal += shipped.count
            conservativeTotal += conservative.count
            let report = try Cleaner(heuristic: .lineClassifier(LineClassifierOptions(keepThreshold: 0.5))).cleanWithReport(input)
            if let detail = report.removals.first(where: { $0.ruleID == LineClassifierStage.lineRule })?.detail {
                #expect(detail.contains("< 0.500"), "\(name)")
            }
        }
        #expect(conservativeTotal < shippedTotal)
    }

    /// The golden pages' headlines sit right above the first paragraph after a menu;
    /// without ``NeighbourRevision`` the model dropped three of them (de, es, fr).
    @Test("Keeps each golden page's headline", arguments: GoldenPageTests.cases)
    func keepsTheGoldenHeadline(name: String) throws {
        let folder = GoldenPageTests.fixtures.appendingPathComponent(name)
        let input = try String(contentsOf: folder.appendingPathComponent("input.txt"), encoding: .utf8)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let headline = expected.prefix { $0 != "\n" }
        #expect(Self.classifier.clean(input).hasPrefix(headline + "\n"))
    }

    @Test func dropsLinesWithoutWordsAroundUnits() {
        let page = "The river has moved several times over the last century, and the town followed it.\n* * *\n|\n"
        let document = run(LineClassifierStage(minimumPageWords: 0), on: page)
        let rules = Set(document.publicRemovals().map(\.ruleID))
        #expect(rules.contains(LineClassifierStage.noWordsRule))
        #expect(!rendered(document).contains("|"))
    }

    @Test func aShortDocumentIsNeverEmptied() throws {
        let cleaner = try Cleaner(heuristic: .lineClassifier())
        #expect(cleaner.clean("Body text.\n") == "Body text.\n")
        #expect(cleaner.clean("Title\n\nBody text of a short note, kept as it is.\n")
                == "Title\n\nBody text of a short note, kept as it is.\n")
    }

    @Test func leavesAPageWithoutWordsAlone() {
        let page = "* * *\n|\n----\n→\n"
        let document = run(LineClassifierStage(minimumPageWords: 0), on: page)
        #expect(document.publicRemovals().isEmpty)
        #expect(rendered(document) == page)
    }

    @Test func cleanerUsesTheClassifierOnlyWhenAsked() throws {
        // Six different paragraphs: copies of one would go as repeats.
        let page = "Home\nProducts\nPricing\n\n" + (1...6).map {
            "The river has moved several times over the last century, and each time the town had to follow it (\($0)).\n\n"
        }.joined()
        let heuristic = try Cleaner(packs: [], heuristic: .contentRegion(.default)).cleanWithReport(page)
        let learned = try Cleaner(packs: [], heuristic: .lineClassifier()).cleanWithReport(page)
        #expect(!heuristic.removals.contains { $0.stage == "line-classifier" })
        #expect(learned.removals.contains { $0.stage == "line-classifier" })
        #expect(learned.text.contains("The river has moved"))
    }

    @Test func featuresFollowPythonCharacterRules() {
        // U+00A0 would be normalised away by the pipeline; here the stage alone sees
        // the text, so strip() must treat it (and \u{1C}) as space as Python does.
        var features = LineFeatures(stopwords: .defaults)
        let document = Document(bytes: Array("\u{1C}Die 1999 ERSTE Straße ist schön.\u{A0}\n".utf8))
        features.compute(document)
        #expect(features.unitCount == 1)
        let row = features.row(0)
        let index = { (name: String) in LineFeatures.names.firstIndex(of: name)! }
        #expect(row[index("s_words")] == 6)
        #expect(row[index("s_log_chars")] == log1p(32))
        #expect(row[index("s_year")] == 1)
        #expect(row[index("s_end_sentence")] == 1)
        #expect(row[index("b_gap_after")] == 1)     // the final empty line of split("\n")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
