import Testing
@testable import Pare

@Suite("Label-prefix narrowing")
struct LabelPrefixFilterTests {
    private static let separator = LabelPrefixAnalysis.separator
    private static let end = LabelPrefixAnalysis.end

    /// The hash of a beginning written as text: letters stand for themselves, " " for a
    /// separator, "$" for the end of the line.
    private func beginning(_ text: String) -> UInt64 {
        var key = LabelPrefixAnalysis.Key()
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ": key = key.appending(Self.separator)
            case "$": key = key.appending(Self.end)
            case "#": key = key.appending(LabelPrefixAnalysis.digits)
            default: key = key.appending(scalar.value)
            }
        }
        return key.hash
    }

    @Test func beginningsReadAcrossWords() {
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*(?:my\\s+bag|menu)\\W*$")
                == [beginning("my bag$"), beginning("menu$")])
        // Past the most tokens (eight) the rest is not read: a beginning that stops at
        // a separator may also be the line's end.
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*(?:privacy\\s+policy)\\W*$")
                == [beginning("privacy "), beginning("privacy$")])
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*abcdefghij\\W*$") == [beginning("abcdefgh")])
        // An optional bullet word, a separator made of punctuation, the case folded.
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*(?:o\\s+)?Tos\\s*&\\s*Q$")
                == [beginning("o tos q$"), beginning("tos q$")])
        // A separator that may be absent joins the words; a class ends the beginning,
        // and a beginning that ends in a separator may also be the line's end.
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*e-?mail\\s+\\S+")
                == [beginning("email "), beginning("email$"), beginning("e mail "), beginning("e mail$")])
        // A repeated group: its first pass, then nothing.
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*(?:en|de)(?:\\s*\\|\\s*(?:en|de))+$")
                == [beginning("en en"), beginning("en de"), beginning("de en"), beginning("de de")])
    }

    @Test func aRunOfDigitsIsOneToken() {
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\s*(?:[*•]|\\d{1,2}\\.)\\s+(?:home|faq)\\s*$")
                == [beginning("home$"), beginning("faq$"), beginning("# home$"), beginning("# faq$")])
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*(?:\\d+\\s+)?likes$")
                == [beginning("# likes$"), beginning("likes$")])
        #expect(LabelPrefixAnalysis.beginnings(of: "^\\W*pg\\s+1\\d*\\s+of") == [beginning("pg # of")])
    }

    @Test func patternsThatCannotBeReadHaveNoBeginnings() {
        for pattern in [
            "privacy\\s+policy",                // not anchored
            "^.*privacy",                       // begins with anything
            "^\\W*[a-z]+\\s+menu",              // begins with a class
            "^\\W*(?<name>menu)",               // a construct the parser does not read
        ] {
            #expect(LabelPrefixAnalysis.beginnings(of: pattern) == nil, "\(pattern)")
        }
    }

    @Test func aLineTriesOnlyThePatternsItsWordsBegin() throws {
        let patterns = ["^\\W*(?:o\\s+)?(?:terms\\s+of\\s+use|terms)\\W*$", "^\\W*view\\s+(?:all|cart)\\b",
                        "^\\W*terms\\b"]
        let dispatch = FirstWordDispatch(patterns: patterns.map { [$0] })
        func candidates(_ line: String) -> [Int] {
            Array(line.utf8).withUnsafeBufferPointer { subject in
                let set = dispatch.candidates(for: subject)
                return patterns.indices.filter { set.contains($0) }
            }
        }
        #expect(candidates("Terms of Use") == [0, 2])
        #expect(candidates("  * Terms »") == [0, 2])
        #expect(candidates("o Terms of Use") == [0])
        #expect(candidates("Terms apply to every order.") == [2])
        #expect(candidates("Terms and conditions apply") == [2])
        #expect(candidates("View all") == [1])
        #expect(candidates("VIEW CART (3)") == [1])
        #expect(candidates("View the full report") == [])
        #expect(candidates("Viewers like you") == [])
        // A line that cannot be read with certainty keeps its first-word candidates.
        #expect(candidates("View\u{0301} all") == [1])
    }

    /// Narrowing across words never hides a pattern from a line it matches: tricky
    /// separators, optional and repeated parts, case, marks, letters without a simple
    /// fold, digits, the underscore, and a pattern whose match ends inside the line's
    /// trailing punctuation.
    @Test func everyMatchingPatternIsStillACandidate() throws {
        let patterns = ["^\\W*e-?mail\\s+(?:us|me)\\W*$", "^\\W*sign\\s*up\\s*(?:now|today)?\\W*$",
                        "^\\W*menu\\s+\\W", "^\\W*(?:en|de)(?:\\s*\\|\\s*(?:en|de))+$", "^\\W*back\\s+to\\s+top$",
                        "^\\W*(?:o\\s+)?privacy\\s+(?:policy|notice)\\b", "^\\W*kelvin\\s+k\\W*$",
                        "^\\W*straße\\s+\\d+", "^\\W*top_menu\\b", "^\\W*step\\s+1\\W*$", "^\\W*read\\s+more\\s*[»›→]",
                        "^\\W*(?:a|ab|abc)(?:\\s+(?:b|bc))?\\W*$", "^\\W*abcdefghij\\s+x",
                        "^\\s*(?:[*•]|\\d{1,2}\\.)\\s+home\\s*$", "^\\W*\\d+\\s+items?\\s+in\\s+cart\\W*$",
                        "^\\W*page\\s+\\d+\\s+of\\s+\\d+$", "^\\W*v2\\s+docs$", "^\\W*(?:\\d+\\s+)?replies$",
                        "^ {2}home$"]
        let rules = try patterns.enumerated().map { try Rule(id: "user.l\($0.offset)", pattern: $0.element) }
        let lines = ["Email us", "E-mail me!", "E mail us", "email-us", "Sign up", "Signup now", "SIGN UP TODAY »",
                     "sign-up", "Menu ›", "Menu › Home", "Menu  -", "en | de", "EN|DE|en", "Back to top", "Back to top ↑",
                     "o Privacy Policy", "Privacy notice and more", "privacy policy", "Kelvin \u{212A}", "Kelvin k",
                     "STRASSE 5", "Straße 12", "straſſe 3", "top_menu", "Top_Menu items", "Step 1", "Step ١",
                     "Read more »", "Read more»", "READ MORE ›", "a", "ab", "abc b", "AB BC", "abcdefghij x",
                     "abcdefghijk x", "ab\u{0301}c", "Menu\u{00A0}›", "sign\u{200B}up", "1. Home", "12. home",
                     "123. Home", "• Home", "3 items in cart", "١٢ items in cart", "12items in cart", "Page 2 of 10",
                     "page 2of 10", "PAGE ٣ OF ٤", "V2 docs", "v22 docs", "v 2 docs", "42 replies", "replies",
                     "4,2 replies", "²3 replies", "  Home", "   home", "home"]
        FirstWordDispatchTests.checkSoundness(of: rules, on: lines)
    }

    /// The rules' own examples, reshaped the ways converted pages reshape a label (a
    /// bullet or a number before it, other case, doubled spaces, punctuation or words
    /// after it): every default pattern that matches one is still a candidate for it.
    @Test func everyDefaultPatternStaysACandidateOnReshapedExamples() throws {
        let rules = try RulePack.defaults().flatMap(\.rules)
        var lines: [String] = []
        for example in rules.flatMap({ $0.examples.map(\.text) }) {
            lines += [example, example.uppercased(), example.lowercased(), "* " + example, "o " + example,
                      "1. " + example, "  • " + example + " »", example.replacingOccurrences(of: " ", with: "  "),
                      example + " |", example + " and more", "12 " + example, example.replacingOccurrences(of: " ", with: "\u{00A0}")]
        }
        FirstWordDispatchTests.checkSoundness(of: rules, on: lines)
    }
}
