import Foundation
import Testing
@testable import Pare

@Suite("First-word dispatch")
struct FirstWordDispatchTests {
    @Test func beginningsOfLineShapedPatterns() {
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:advertisements?|ads?|ad\\s*choices)\\W*$")
                == [key("adve"), key("ad"), key("ads")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W{0,3}(?:read|see)\\s+(?:next|also)")
                == [key("read"), word("see")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:the\\s+)?(?:article|story)\\s+continues")
                == [word("the"), key("arti"), key("stor")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:o\\s+)?(?:privacy|x)\\W*$")
                == [word("o"), key("priv"), key("x")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:Реклама|publicité)\\W*$")
                == [key("рекл"), key("publ")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*1\\.\\s+(?:home)\\s*$") == [word("1")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*s['’]inscrire\\W*$") == [word("s")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:\\d+\\s+)?comments")
                == [[LeadingWordAnalysis.digitKey], key("comm")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*[«←‹<]?\\s*(?:previous|next)") == [key("prev"), key("next")])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:日本語|中文)\\W*$") == [key("日本語"), key("中文")])
        // A match that begins with a symbol is keyed by it (and its other case).
        let symbol = LeadingWordAnalysis.symbolMarker
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:©|ⓒ|\\(c\\)\\s*\\d|copyright)")
                == [[symbol, 0xA9], [symbol, 0x24D2], [symbol, 0x24B8], word("c"), key("copy")])
        // A bullet followed by non-word characters and then a word: the word keys it,
        // since the line's first word is found by skipping the bullet.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*(?:[*+o]|\\d{1,2}\\.)\\s+home")
                == [key("home"), word("o"), [LeadingWordAnalysis.digitKey]])
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*•\\s+(?:blog|news)\\s*$") == [key("blog"), key("news")])
        // A symbol with nothing after it is keyed by itself; repeated, too.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\s*\\*+\\s*home") == [[symbol, 0x2A]])
        // A letter without a simple case pair ends the key early.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:tiếng\\s+việt|straſſe)\\W*$") == [key("ti"), key("stra")])
        // A word followed by a non-word character or the line's end is keyed as a
        // whole word; a word that may go on (`\\W*` may match nothing) is not.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:ab\\s+c|ab-d|ab$|ab\\W*x|abcd\\s)") == [word("ab"), key("ab"), key("abcd")])
        // A character above U+FFFF ends the key, after itself when it comes first.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:ab\u{20000}cd|\u{20000}ab)\\W*$")
                == [key("ab"), [0x20000]])
        // A group repeated {2,12}: its first pass decides.
        #expect(LeadingWordAnalysis.beginnings(of: "^\\W*(?:(?:en|de)\\s*[|/]\\s*){2,12}(?:en|de)\\W*$")
                == [key("en"), key("de")])
    }

    @Test func patternsThatMayMatchAnyLineHaveNoBeginnings() {
        for pattern in [
            "©\\s*(?:19|20)\\d\\d",                       // not anchored
            "^(?=.*[|·•]).*\\b(?:privacy)\\b",              // .* first
            "^\\s*(?:[a-z]|x)\\s+home",                    // a class with a range first
            "^\\W*(?i)ads",                                  // inline options
            "^a|b",                                          // top-level alternation
            "^\\W*(?:ſtraße)",                               // no simple case pair first
            "^\\W*\\p{Lu}",                                  // properties
            "^\\W*(?:ads",                                   // malformed
        ] {
            #expect(LeadingWordAnalysis.beginnings(of: pattern) == nil, "\(pattern)")
        }
    }

    /// A drop-line pattern that the dispatch cannot file by its first word is tried on
    /// every line (or on every line holding one of its literals): a rule written as
    /// `^\\W*(?:optional)?…` without a space after the optional word costs every
    /// page. The default packs keep such patterns to this known list; a new one must
    /// be added here on purpose, after measuring what it costs.
    @Test func defaultDropLinePatternsThatEveryLineTriesAreKnown() throws {
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action == .dropLine }
        var unfiled: [String] = []
        for rule in rules {
            for (j, beginnings) in rule.matcher.beginnings.enumerated() where beginnings == nil {
                unfiled.append("\(rule.id)#\(j)")
            }
        }
        // Each of these has a literal prefilter instead ("|", "brought", "©",
        // "rights reserved", "newsletter", "wait", "supported"): see
        // prefiltersAreBuiltForTheCostlyDefaultPatterns. The last four open with a
        // site's name ("Example is reader-supported", "… Sign up for our newsletter");
        // together they cost 14.1 M instructions over 6 MB of the development set (0.9 %).
        // comments.post-header#12 is Slashcode's "TITLE ( Score: 5 , Insightful)"
        // comment head, which opens with the comment's title; its prefilter is "score:".
        // promo.review-byline#0-7 open with the reviewer's name ("NAME (verified owner) –
        // DATE"); each has one literal, the badge in one language, and their literals
        // join the shared scanner: with compiling them they cost 4.5 M instructions over
        // 6 MB of the development set (one alternation of all eight would cost 31 M).
        #expect(unfiled == ["comments.post-header#12", "navigation.footer-links#0", "promo.brought-to-you#0", "promo.copyright#1",
                            "promo.credit-notice#0", "promo.credit-notice#2", "promo.newsletter-blurb#0",
                            "promo.newsletter-blurb#6", "promo.affiliate-disclosure#5",
                            "promo.affiliate-disclosure#6", "promo.review-byline#0", "promo.review-byline#1",
                            "promo.review-byline#2", "promo.review-byline#3", "promo.review-byline#4",
                            "promo.review-byline#5", "promo.review-byline#6", "promo.review-byline#7"], "\(unfiled)")
    }

    /// Narrowing may never hide a pattern from a line it matches: every pattern that
    /// matches a line must be among that line's candidates.
    static func checkSoundness(of rules: [Rule], on lines: [String]) {
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        let scratch = MatchScratch(limits: .default)
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { subject in
                let candidates = dispatch.candidates(for: subject)
                for (ruleIndex, rule) in rules.enumerated() {
                    for (patternIndex, pattern) in rule.matcher.patterns.enumerated() {
                        guard case .match = pattern.firstMatch(in: subject, scratch: scratch) else { continue }
                        #expect(candidates.contains(dispatch.firstPattern[ruleIndex] + patternIndex),
                                "\(rule.id) pattern \(patternIndex + 1) matches but was not a candidate: \(line)")
                    }
                }
            }
        }
    }

    /// A literal prefilter may never reject a line its pattern matches.
    static func checkPrefilters(of rules: [Rule], on lines: [String]) {
        let scratch = MatchScratch(limits: .default)
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { subject in
                for rule in rules {
                    for (index, pattern) in rule.matcher.patterns.enumerated() {
                        guard let prefilter = rule.matcher.prefilters[index],
                              case .match = pattern.firstMatch(in: subject, scratch: scratch) else { continue }
                        #expect(prefilter.firstMatch(in: subject, scratch: scratch) != .noMatch,
                                "\(rule.id) pattern \(index + 1) matches but its prefilter \(prefilter.source) does not: \(line)")
                    }
                }
            }
        }
    }

    @Test func prefiltersAreBuiltForTheCostlyDefaultPatterns() throws {
        let rules = try RulePack.defaults().flatMap(\.rules)
        let sources = rules.flatMap { rule in rule.matcher.prefilters.compactMap { $0?.source } }
        #expect(sources.contains("(?:brought)"))
        // footer-links: the characters its lookahead needs, not its words.
        #expect(sources.contains { $0.contains("·") && $0.contains("•") && $0.contains("\\|") })
        #expect(RequiredLiterals.literals(of: "^(?=.*[|·•]).*\\b(?:faq|map)\\b")
                == [["|"], ["·"], ["•"]])
        #expect(RequiredLiterals.literals(of: "(?:^\\W*|[.,;|©]\\s*)all\\s+rights\\s+reserved\\b")?.count == 1)
        #expect(RequiredLiterals.literals(of: "^\\W*(?:\\d+)\\s") == nil)
        #expect(RequiredLiterals.literals(of: "(?:abc|\\w+)x") == [Array("x".unicodeScalars)])
    }

    @Test func everyMatchingPatternIsACandidateOnTheRuleExamples() throws {
        let rules = try RulePack.defaults().flatMap(\.rules)
        Self.checkSoundness(of: rules, on: rules.flatMap { $0.examples.map(\.text) })
        Self.checkPrefilters(of: rules, on: rules.flatMap { $0.examples.map(\.text) })
    }

    @Test func everyMatchingPatternIsACandidateOnTheGoldenPages() throws {
        let rules = try RulePack.defaults().flatMap(\.rules)
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: GoldenPageTests.fixtures.path) {
            let input = GoldenPageTests.fixtures.appendingPathComponent(name).appendingPathComponent("input.txt")
            guard let text = try? String(contentsOf: input, encoding: .utf8) else { continue }
            lines += text.split(separator: "\n").map(String.init)
        }
        #expect(lines.count > 100)
        // Tricky starts too: capitals, accents, other scripts, digits in other scripts,
        // bullets and marks.
        lines += ["ADVERTISEMENT", "— Advertisement —", "• Home", "«Реклама»", "ÄHNLICHE ARTIKEL",
                  "٣ comments", "12 Comments", "© 2024 All rights reserved", "\u{0301}Home",
                  "Σχόλια", "日本語 | English", "ſponsored", "Kelvin \u{212A}", "_menu", "x",
                  "© 2024 ACME", "   (c) 2020 ACME", "* Home", "• Blog", "1. Home", "  Ⓒ 2021 X", "ⓒ 2021 X",
                  "« Previous", "(( © 2020", "o Home", "+ Pricing"]
        Self.checkSoundness(of: rules, on: lines)
        Self.checkPrefilters(of: rules, on: lines + ["SITE © 2024 ACME. ALL RIGHTS RESERVED.", "Brought To You By X",
                                                      "Privacy Policy | Terms of Use | Contact"])
    }

    /// The line rules remove a line with the first drop-line rule that matches it,
    /// whatever narrowed the patterns the line tried (the first-word dispatch, the
    /// shared literal prefilter, the words of the patterns led by a number): checked
    /// against trying every pattern of every rule, on lines led by numbers with and
    /// without the words those patterns need, and on the rules' examples.
    @Test func theLineRulesRemoveWhatTryingEveryPatternRemoves() throws {
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action == .dropLine && !$0.isURLScoped }
        let stage = LineRuleStage(rules: rules)
        let scratch = MatchScratch(limits: .default)
        let numberLed = ["12 comments", "3 replies", "2 stars", "5 min read", "1,234 posts · Joined Mar 2019",
                         "4 interest-free payments of $25.00", "10 people found this helpful", "2024 was a good year",
                         "3 stars and a moon", "1. Home", "19.99 Price $19.99", "7 min", "12", "3.5 out of 5",
                         "2025-01-02 10:00", "12/05/2024", "1 of 3", "42 Comments on “A title”"]
        let lines = numberLed + rules.flatMap { $0.examples.map(\.text) }
        for line in lines {
            let bytes = Array(line.utf8)
            let expected: String? = bytes.withUnsafeBufferPointer { subject in
                let trimmed = UnsafeBufferPointer(rebasing: subject[ByteClasses.withoutTrailingSpace(subject, 0..<subject.count)])
                for rule in rules {
                    var words = LineWordCounter(trimmed)
                    guard words.hasAtMost(rule.matcher.maxWords) else { continue }
                    if rule.matcher.patterns.contains(where: {
                        if case .match = $0.firstMatch(in: trimmed, scratch: scratch) { return true } else { return false }
                    }) {
                        return rule.id
                    }
                }
                return nil
            }
            let removed = run(stage, on: line + "\n").removals.first?.ruleID
            #expect(removed == expected, "\(line)")
        }
    }

    /// Keys of one to four characters, and characters above U+FFFF (which end a key):
    /// a line is a candidate for every pattern it matches, whatever the lengths of
    /// the label and of the line's first word.
    @Test func everyMatchingPatternIsACandidateAcrossKeyLengths() throws {
        let patterns = ["^\\W*(?:a|ab|abc|abcd|abcde)\\W*$", "^\\W*(?:a\\s+b|ab-|abc\\s|ab$)", "^\\W*privacy\\b", "^\\W*pri\\W*$",
                        "^\\W*(?:\u{20000}x|y\u{20000}|zz\u{20001}q)", "^\\W*Ωμέγα", "^\\W*\\d+\\s+items?\\W*$"]
        let rules = try patterns.enumerated().map { try Rule(id: "user.k\($0.offset)", pattern: $0.element) }
        let lines = ["a", "ab", "abc", "abcd", "abcde", "a b", "ab-", "abc\u{00A0}x", "ab\u{0301}", "ab_", "ABCD!", "abcdef", "Privacy", "PRIVACY policy", "pri",
                     "prix", "priv", "\u{20000}x", "\u{20000}", "y\u{20000}", "Y\u{20000}z", "zz\u{20001}q", "zz\u{20002}q",
                     "ΩΜΈΓΑ", "Ωμέγα!", "12 items", "١٢ items", "— abc —", "* abcd"]
        Self.checkSoundness(of: rules, on: lines)
    }

    @Test func narrowsOrdinaryLines() throws {
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action == .dropLine }
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        let total = rules.reduce(0) { $0 + $1.patterns.count }
        func count(_ text: String) -> Int {
            Array(text.utf8).withUnsafeBufferPointer { line in
                let candidates = dispatch.candidates(for: line)
                return (0..<total).filter { candidates.contains($0) }.count
            }
        }
        let prose = count("Quarterly results beat expectations across every region this year.")
        #expect(prose <= total / 5, "a prose line needs few patterns, got \(prose) of \(total)")
        // A bullet brings only the patterns of the word after it: the bulleted-menu
        // pattern is tried on "* Home", not on every bulleted line.
        let menuRule = try #require(rules.firstIndex { $0.id == "navigation.menu-item" })
        let menuPattern = rules[..<menuRule].reduce(0) { $0 + $1.patterns.count }
        func isCandidate(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { dispatch.candidates(for: $0).contains(menuPattern) }
        }
        #expect(isCandidate("* Home"))
        #expect(!isCandidate("* Carrots, peeled and diced"))
        // The bullet "o" of `(?:o\\s+)?` is a whole word: lines that begin with "our"
        // or "other" are no candidates for it.
        #expect(isCandidate("o Home"))
        #expect(!isCandidate("Other homes were built later."))
        // Lines that cannot be read with certainty get every pattern.
        Array("\u{0301}accent first".utf8).withUnsafeBufferPointer { line in
            #expect(dispatch.candidates(for: line) == .all)
        }
        Array([0xFF, 0x41] as [UInt8]).withUnsafeBufferPointer { line in
            #expect(dispatch.candidates(for: line) == .all)
        }
    }

    /// A user's pack with more patterns than a set holds: the first ones are still
    /// narrowed by their first word, the rest are tried on every line, and every
    /// line goes to the first rule that matches it, as with fewer patterns.
    @Test func patternsBeyondTheCapacityAreTriedOnEveryLine() throws {
        let capacity = FirstWordDispatch.PatternSet.capacity
        let count = capacity + 44
        let rules = try (0..<count).map { i in
            try Rule(id: "user.label\(i)", pattern: "^\\W*label\(i)x\\W*$")
        } + [try Rule(id: "user.anywhere", pattern: "zzqq")]
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        #expect(!dispatch.narrows && dispatch.dispatchedCount == capacity)
        #expect(dispatch.candidates(for: UnsafeBufferPointer(start: nil, count: 0)) == .all)
        let prose = Array("Quarterly results beat expectations.".utf8)
        prose.withUnsafeBufferPointer { line in
            let leading = dispatch.leadingCandidates(for: line)
            #expect((0..<capacity).filter { leading.contains($0) }.isEmpty)
        }
        let cleaner = try Cleaner(packs: [], extraRules: rules, heuristic: .none, removesRepeatedLines: false)
        let text = "Body text stays.\nlabel5x\n* label\(capacity + 34)x\nlabel\(count - 1)x\nwith zzqq inside\nlabel\(count)x\n"
        let result = cleaner.cleanWithReport(text)
        #expect(result.text == "Body text stays.\nlabel\(count)x\n")
        #expect(result.removals.map(\.ruleID) == ["user.label5", "user.label\(capacity + 34)", "user.label\(count - 1)",
                                                  "user.anywhere"])
    }

    /// The default packs with a user's pack of 100 patterns after them, past the 256
    /// patterns the sets once held: every pattern is narrowed, the user's too.
    @Test func aUsersPackOnTopOfTheDefaultsIsNarrowed() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func code(_ i: Int) -> String { String([letters[i / 26], letters[i % 26]]) }
        let text = "pack big\n" + (0..<50).map { i in
            """
            rule big.label\(i)
              action drop-line
              pattern ^\\W*\(code(i))quux\\W*$
              pattern ^\\W*zz\(code(i))\\s+\\d+\\W*$
              remove \(code(i))quux
              keep The \(code(i))quux was here.

            """
        }.joined()
        let user = try RulePack(parsing: text, file: "big.rules").rules
        let rules = try RulePack.defaults().flatMap(\.rules).filter { $0.action == .dropLine } + user
        let total = rules.reduce(0) { $0 + $1.patterns.count }
        #expect(total > 256 && total <= FirstWordDispatch.PatternSet.capacity)
        let dispatch = FirstWordDispatch(patterns: rules.map(\.patterns))
        #expect(dispatch.narrows && dispatch.dispatchedCount == total)
        func candidates(_ line: String) -> [Int] {
            Array(line.utf8).withUnsafeBufferPointer { subject in
                let candidates = dispatch.candidates(for: subject)
                return (0..<total).filter { candidates.contains($0) }
            }
        }
        let userPatterns = Set(total - 100..<total)
        let prose = candidates("Quarterly results beat expectations across every region this year.")
        #expect(userPatterns.isDisjoint(with: prose), "a prose line needs none of the user's patterns")
        #expect(prose.count <= total / 5, "a prose line needs few patterns, got \(prose.count) of \(total)")
        // Each of the user's patterns is a candidate for its own label, and no other one is.
        #expect(userPatterns.intersection(candidates("AHquux")) == [total - 100 + 2 * 7])
        #expect(userPatterns.intersection(candidates("• zzbx 12")) == [total - 1])
        Self.checkSoundness(of: rules, on: ["AHquux", "bxquux", "zzbx 12", "* zzaa 3", "Quarterly results", "* Home"])
    }

    /// Every index up to the capacity is its own member, across the set's words.
    @Test func patternSetsHoldEveryIndexUpToTheCapacity() {
        let capacity = FirstWordDispatch.PatternSet.capacity
        #expect(capacity >= 512)
        let members = [0, 63, 64, 255, 256, 300, 447, 448, capacity - 1]
        var set = FirstWordDispatch.PatternSet()
        for index in members { set.insert(index) }
        #expect((0..<capacity).filter { set.contains($0) } == members)
        var walked: [Int] = []
        var next = 0
        while let found = set.first(from: next, below: capacity) {
            walked.append(found)
            next = found + 1
        }
        #expect(walked == members)
        #expect(set.first(from: 257, below: 300) == nil && set.first(from: 257, below: 301) == 300)
        var high = FirstWordDispatch.PatternSet()
        high.insert(capacity - 1)
        #expect(set.intersects(high) && !set.subtracting(high).intersects(high))
        #expect(set.subtracting(high).union(high) == set)
        #expect((0..<capacity).allSatisfy { FirstWordDispatch.PatternSet.all.contains($0) })
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
    /// The key of a first word that is exactly `text`.
    private func word(_ text: String) -> [UInt32] { key(text) + [LeadingWordAnalysis.wordEndMarker] }
}
