import Testing
@testable import Pare

@Suite("Cleaner")
struct CleanerTests {
    @Test func defaultPacksLoad() throws {
        let packs = try RulePack.defaults()
        let names = Set(packs.map(\.name))
        for required in ["ads", "read-next", "comments", "promo", "share", "cookies", "navigation"] {
            #expect(names.contains(required), "missing default pack \(required)")
        }
    }

    @Test func cleansTextAndExplainsRemovals() throws {
        let c = try cleaner(pack: "pack t\n" + ruleBlock(id: "t.ad"))
        let result = c.cleanWithReport("Title\r\n\r\nAdvertisement\r\n\r\nBody text.\r\n")
        #expect(result.text == "Title\n\nBody text.\n")
        let ruleRemovals = result.removals.filter { $0.stage != "tidy" }
        #expect(ruleRemovals == [Removal(ruleID: "t.ad", stage: "line-rules", lineNumber: 3, span: nil, text: "Advertisement")])
    }

    @Test func everyInputLineIsKeptOrAccountedFor() throws {
        let c = try Cleaner()
        let input = "Skip to content\nHeadline\n\nAdvertisement\nBody one.\n\n\nBody two.\nShare this article\n"
        let result = c.cleanWithReport(input)
        let removedLines = Set(result.removals.filter { $0.span == nil }.map(\.lineNumber))
        let keptLines = result.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(removedLines.count + keptLines.count == result.inputLines.count)
    }

    @Test func heuristicAndTailCutRemovalsCarryTheirDecidingFeature() throws {
        let prose = "The council voted on Tuesday to build a network of protected bike lanes across the city."
        // Six different paragraphs: copies of one would go as repeats.
        let paragraphs = (1...6).map { "\(prose) Part \($0).\n" }.joined()
        let page = "* Gardening\n* Travel\n* Motoring\n* Puzzles\nTitle here\n" + paragraphs + "Comments\nLoading...\n"
        let result = try Cleaner(heuristic: .contentRegion(.default)).cleanWithReport(page)
        let menu = try #require(result.removals.first { $0.lineNumber == 1 })
        #expect(menu.stage == "content-region")
        #expect(menu.detail?.contains("menu-like lines in a row, outside the main text (lines 6–11)") == true)
        let cut = try #require(result.removals.first { $0.text == "Comments" })
        #expect(cut.stage == "tail-cut")
        #expect(cut.detail?.contains("cut from line 12 to the end") == true)
        #expect(result.text.hasPrefix("Title here\n"))
    }

    @Test func disablingUnknownRuleIsAnError() throws {
        #expect(throws: CleanerError.unknownRuleOrPack("no.such.rule")) {
            try Cleaner(disabled: ["no.such.rule"])
        }
    }

    @Test func disablingAPackOrRuleTurnsItOff() throws {
        let text = "Body.\nAdvertisement\n"
        let pack = try RulePack(parsing: "pack t\n" + ruleBlock(id: "t.ad"), file: "t.rules")
        #expect(try Cleaner(packs: [pack]).clean(text) == "Body.\n")
        #expect(try Cleaner(packs: [pack], disabled: ["t"]).clean(text) == text)
        #expect(try Cleaner(packs: [pack], disabled: ["t.ad"]).clean(text) == text)
    }

    @Test func invalidUTF8PassesThroughWhereNotRemoved() throws {
        let c = try cleaner(pack: "pack t\n" + ruleBlock(id: "t.ad"))
        let input: [UInt8] = Array("ok ".utf8) + [0xFF, 0xC3, 0x28] + Array("\nAdvertisement\n".utf8)
        #expect(c.clean(bytes: input) == Array("ok ".utf8) + [0xFF, 0xC3, 0x28, 0x0A])
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        #expect(try Cleaner().clean("") == "")
    }

    @Test func isSafeToShareAcrossThreads() async throws {
        let c = try Cleaner()
        let page = "Headline\n\nAdvertisement\n\nThe body of the article, with enough words to be prose.\n"
        let expected = c.clean(page)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { c.clean(page) } }
            for try await result in group { #expect(result == expected) }
        }
    }
}

@Suite("Default rule packs")
struct DefaultRulePackTests {
    static let rules: [Rule] = (try? RulePack.defaults().flatMap(\.rules)) ?? []

    @Test func everyRuleHasAnExplanation() {
        #expect(!Self.rules.isEmpty)
        for rule in Self.rules { #expect(!rule.about.isEmpty, "\(rule.location): rule \(rule.id) has no 'about'") }
    }

    @Test("Each rule's remove/keep examples", arguments: rules.map(\.id))
    func examples(ruleID: String) throws {
        let rule = try #require(Self.rules.first { $0.id == ruleID })
        for failure in rule.failingExamples() { Issue.record("\(failure)") }
    }

    /// The tail cut sees only the lines the line rules kept: a drop-line rule that
    /// removed a cut-tail opener ("You may also like") would leave the whole block
    /// below it in place.
    @Test func noLineRuleRemovesACutTailOpener() throws {
        let lineRules = LineRuleStage(rules: Self.rules)
        let scratch = MatchScratch(limits: .default)
        let openers = Self.rules.filter { $0.action == .cutTail }.flatMap { rule in
            rule.examples.filter { if case .removed = $0.expectation { return true } else { return false } }
        }
        #expect(!openers.isEmpty)
        for opener in openers {
            var document = Document(bytes: Array(opener.text.utf8))
            lineRules.apply(to: &document, scratch: scratch)
            let removedBy = document.removals.map(\.ruleID)
            #expect(removedBy.isEmpty, "\(opener.location): the opener \"\(opener.text)\" is removed by \(removedBy) before the tail cut sees it")
        }
    }

    /// `^a|b$` anchors only its first branch: `b` then matches anywhere in the line
    /// (and a drop-line rule drops the whole line). Alternatives go in a group.
    @Test func noPatternAnchorsOnlyItsFirstAlternative() {
        for rule in Self.rules {
            for pattern in rule.patterns where pattern.hasPrefix("^") && Self.hasTopLevelAlternation(pattern) {
                Issue.record("\(rule.location): rule \(rule.id): '^' anchors only the first alternative of \(pattern)")
            }
        }
    }

    /// Whether `pattern` has a `|` outside every group and character class.
    static func hasTopLevelAlternation(_ pattern: String) -> Bool {
        var depth = 0, inClass = false, escaped = false
        for c in pattern.unicodeScalars {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "]" where inClass: inClass = false
            case _ where inClass: continue
            case "[": inClass = true
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0: return true
            default: break
            }
        }
        return false
    }

    @Test func topLevelAlternationIsFound() {
        #expect(Self.hasTopLevelAlternation("^a|b$"))
        #expect(!Self.hasTopLevelAlternation("^(?:a|b)$"))
        #expect(!Self.hasTopLevelAlternation("^[|]\\|$"))
    }

    @Test func noRuleHitsAMatchLimitOnItsOwnExamples() throws {
        let c = try Cleaner()
        for rule in Self.rules {
            for example in rule.examples {
                #expect(c.cleanWithReport(example.text).limitHits.isEmpty, "\(example.location)")
            }
        }
    }
}
