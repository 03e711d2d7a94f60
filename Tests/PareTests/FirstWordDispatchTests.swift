import Testing
@testable import Pare

@Suite("First-word dispatch")
struct FirstWordDispatchTests {
    @Test func beginningsOfLineShapedPatterns() {
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:advertisements?|ads?|ad\\s*choices)\\W*$")
                == [key("ad")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W{0,3}(?:read|see)\\s+(?:next|also)")
                == [key("re"), key("se")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:the\\s+)?(?:article|story)\\s+continues")
                == [key("th"), key("ar"), key("st")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:o\\s+)?(?:privacy|x)\\W*$")
                == [key("o"), key("pr"), key("x")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:Реклама|publicité)\\W*$")
                == [key("ре"), key("pu")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*1\\.\\s+(?:home)\\s*$") == [key("1")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*s['’]inscrire\\W*$") == [key("s")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:\\d+\\s+)?comments")
                == [[LeadingWordAnalysis.digitKey], key("co")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*[«←‹<]?\\s*(?:previous|next)") == [key("pr"), key("ne")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:日本語|中文)\\W*$") == [key("日本"), key("中文")])
        // A group repeated {2,12}: its first pass decides.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:(?:en|de)\\s*[|/]\\s*){2,12}(?:en|de)\\W*$")
                == [key("en"), key("de")])
    }

    @Test func patternsThatMayMatchAnyLineHaveNoBeginnings() {
        for pattern in [
            "©\\s*(?:19|20)\\d\\d",                       // not anchored
            "^\\W*(?:©|copyright)",                         // may begin with a symbol
            "^(?=.*[|·•]).*\\b(?:privacy)\\b",              // .* first
            "^\\s*(?:[*+•o]|\\d{1,2}\\.)\\s+(?:home)\\s*$", // a class first
            "^\\W*(?i)ads",                                  // inline options
            "^a|b",                                          // top-level alternation
            "^\\W*(?:ſtraße)",                               // no simple case pair
            "^\\W*\\p{Lu}",                                  // properties
            "^\\W*(?:ads",                                   // malformed
        ] {
            #expect(LeadingWordAnalysis.beginnings(of: pattern) == nil, "\(pattern)")
        }
    }

    @Test func everyDefaultRuleKeepsItsOwnRemoveExamples() throws {
        // Narrowing may never hide a rule from a line it matches.
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action != .dropSpan }
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        for (index, rule) in rules.enumerated() {
            for example in rule.examples where example.expectation != .kept {
                let bytes = Array(example.text.utf8)
                bytes.withUnsafeBufferPointer { line in
                    #expect(dispatch.candidates(for: line).contains(index), "\(rule.id): \(example.text)")
                }
            }
        }
    }

    @Test func narrowsOrdinaryLines() throws {
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action == .dropLine }
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        let all = Array(rules.indices)
        func count(_ text: String) -> Int {
            Array(text.utf8).withUnsafeBufferPointer { line in all.filter { dispatch.candidates(for: line).contains($0) }.count }
        }
        let prose = count("Quarterly results beat expectations across every region this year.")
        Array("٣ comments".utf8).withUnsafeBufferPointer { line in
            let index = rules.firstIndex { $0.id == "comments.item-chrome" }!
            #expect(dispatch.candidates(for: line).contains(index))   // an Arabic-Indic digit is \d too
        }
        #expect(prose <= rules.count / 2, "a prose line needs few rules, got \(prose) of \(rules.count)")
        Array("Quarterly results beat expectations.".utf8).withUnsafeBufferPointer { line in
            let candidates = dispatch.candidates(for: line)
            for id in ["ads.label", "cookies.button", "share.label", "navigation.social"] {
                #expect(!candidates.contains(rules.firstIndex { $0.id == id }!), "\(id)")
            }
        }
        // Lines that cannot be read with certainty get every rule.
        #expect(count("\u{0301}accent first") == rules.count)
        Array([0xFF, 0x41] as [UInt8]).withUnsafeBufferPointer { line in
            #expect(dispatch.candidates(for: line) == .all)
        }
    }

    @Test func caseFoldingCoversLatinGreekCyrillicAndRefusesAmbiguousLetters() {
        #expect(CaseFolding.fold("Ä") == ("ä" as Unicode.Scalar).value)
        #expect(CaseFolding.fold("Σ") == ("σ" as Unicode.Scalar).value)
        #expect(CaseFolding.fold("Ж") == ("ж" as Unicode.Scalar).value)
        #expect(CaseFolding.fold("ſ") == nil)
        #expect(CaseFolding.fold("ς") == nil)
        #expect(CaseFolding.fold("µ") == nil)
        #expect(CaseFolding.fold("İ") == nil)
        #expect(CaseFolding.fold("中") == ("中" as Unicode.Scalar).value)   // no case: itself
        #expect(CaseFolding.fold("Ա") == nil)                                // Armenian: cased, beyond the table
    }

    private func key(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}
