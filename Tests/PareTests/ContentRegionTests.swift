import Testing
import PareTestSupport
@testable import Pare

@Suite("Words and stop words")
struct WordScannerTests {
    let table = StopwordTable(words: ["the", "of", "und", "что", "é"])

    func counts(_ text: String) -> WordScanner.Counts {
        var scanner = WordScanner()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { scanner.count($0, 0..<bytes.count, stopwords: table) }
    }

    @Test func countsUnicodeWordsLikeTheEvaluation() {
        #expect(counts("The state of the art, 2025!").words == 6)
        #expect(counts("“Quoted” — l’homme").words == 3)     // quotes, dashes and apostrophes separate words
        #expect(counts("").words == 0)
    }

    /// The tables that spare most characters a Unicode property lookup give the
    /// lookups' answers, for every scalar they cover.
    @Test func classTablesAgreeWithUnicodeProperties() {
        func same(_ a: WordScanner.ScalarClass, _ b: WordScanner.ScalarClass) -> Bool {
            switch (a, b) {
            case (.letter(let x), .letter(let y)): return x == y
            case (.letterNeedingMapping, .letterNeedingMapping), (.ideograph, .ideograph), (.separator, .separator): return true
            default: return false
            }
        }
        var differing: [UInt32] = []
        for v in UInt32(0x80)..<0x11000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            if !same(WordScanner.classify(scalar), WordScanner.classifyByProperties(scalar)) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
        #expect(same(WordScanner.classify("É"), .letter("é")))
        #expect(same(WordScanner.classify("’"), .separator))
        #expect(same(WordScanner.classify("中"), .ideograph))
    }

    @Test func lowerCasesBeforeLookingUpStopWords() {
        #expect(counts("THE Art OF War").stopwords == 2)
        #expect(counts("Katze UND Hund").stopwords == 1)
        #expect(counts("ЧТО это").stopwords == 1)
        #expect(counts("É isso").stopwords == 1)
    }

    @Test func ideographsAreCountedApart() {
        let c = counts("今日は良い天気です")
        #expect(c.words == 0)
        #expect(c.ideographs == 9)
    }

    @Test func invalidUTF8SeparatesWords() {
        var scanner = WordScanner()
        let bytes: [UInt8] = Array("ab".utf8) + [0xFF] + Array("cd".utf8)
        let c = bytes.withUnsafeBufferPointer { scanner.count($0, 0..<bytes.count, stopwords: table) }
        #expect(c.words == 2)
    }

    /// The non-space bytes counted with the words are the ones the tail cut counted on
    /// its own before (``ByteClasses/contentBytes(_:_:)``), on lines of spaces, tabs,
    /// words, symbols, other scripts and invalid UTF-8.
    @Test func countsTheNonSpaceBytesAsTheTailCutDoes() {
        let pieces: [[UInt8]] = [[0x20], [0x20, 0x20, 0x20], [0x09], [0x0B], [0x0D], Array("word".utf8), Array("É".utf8),
                                 Array("中".utf8), Array("’".utf8), Array("*".utf8), [0xFF], [0xC3], Array("_9".utf8)]
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            var line: [UInt8] = []
            for _ in 0..<random.below(24) { line += pieces[random.below(pieces.count)] }
            let expected = line.withUnsafeBufferPointer { ByteClasses.contentBytes($0, 0..<line.count) }
            let counted = line.withUnsafeBufferPointer { WordScanner().count($0, 0..<line.count, stopwords: table) }
            #expect(counted.contentBytes == expected, "\(line)")
        }
        #expect(counts("  a b\t").contentBytes == 2)
    }

    /// ``WordScanner/count(_:_:stopwords:)`` has its own copy of the word scan, written
    /// out for speed; it must split words as the shared scan behind
    /// ``WordScanner/appendWordKey(_:_:to:)`` does, on any bytes: ASCII of both cases,
    /// letters that lower-case to one or to several scalars, ideographs, separators,
    /// runs of spaces, invalid and truncated UTF-8, and words longer than the
    /// stop-word buffer.
    @Test func theFastCountSplitsWordsAsTheSharedScan() {
        let long = String(repeating: "x", count: WordScanner.maximumWordBytes + 3)
        let pieces: [[UInt8]] = [" ", "   ", "\t", "the", "The", "THE", "of", "und", "UND", "что", "ЧТО", "é", "É",
                                 "word", "Wörd", "İ", "ß", "ẞ", "中", "日本", "’", "—", "*", "_9", "a1", long, "a",
                                 "x" + long].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE4, 0xB8]]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            for _ in 0..<random.below(16) { line += pieces[random.below(pieces.count)] }
            let scanner = WordScanner()
            var key: [UInt8] = []
            let (counted, shared) = line.withUnsafeBufferPointer { bytes in
                (scanner.count(bytes, 0..<line.count, stopwords: table), scanner.appendWordKey(bytes, 0..<line.count, to: &key))
            }
            #expect(counted.words == shared.words, "\(line)")
            #expect(counted.ideographs == shared.ideographs, "\(line)")
            // The key lists every word (and ideograph) between 0 bytes: the stop words
            // among them are the ones the count found.
            let keyWords = key.split(separator: 0, omittingEmptySubsequences: false).dropLast()
            let stopwords = keyWords.filter { $0.count <= WordScanner.maximumWordBytes && table.contains(Array($0)) }.count
            #expect(counted.stopwords == stopwords, "\(line)")
        }
    }

    /// Lines with the same words, whatever their case, spacing and punctuation, get
    /// the same ``WordScanner/Counts/sequenceHash``; different words, as a rule, not.
    @Test func theSequenceHashFollowsTheWords() {
        func hash(_ text: String) -> UInt64 { counts(text).sequenceHash }
        #expect(hash("The state of the ART") == hash("  the, State — of THE art!"))
        #expect(hash("Ünïcode ÉTÉ 中文") == hash("ünïcode été 中 文"))
        #expect(hash("the state of the art") != hash("the art of the state"))
        #expect(hash("a b") != hash("ab"))
    }

    @Test func defaultListsCoverTheMainLanguages() {
        let defaults = StopwordTable.defaults
        for word in ["the", "und", "les", "los", "что", "não", "della", "het"] {
            #expect(defaults.contains(Array(word.utf8)), "\(word)")
        }
        #expect(!defaults.contains(Array("advertisement".utf8)))
    }
}

@Suite("Content-region stage")
struct ContentRegionStageTests {
    let stage = ContentRegionStage(options: .default, stopwords: .defaults)

    let prose = [
        "The council voted on Tuesday to build a network of protected bike lanes across the city.",
        "Supporters said that the lanes would make it safe for parents and for older residents to ride.",
        "The first segment of the network is due to open along the river in the spring of next year.",
    ]

    @Test func removesMenusAroundTheProseAndKeepsTheTitle() {
        let text = """
            * Home
            * News
            * Sport
            * Weather
            Bike lanes approved
            \(prose[0])

            \(prose[1])
            \(prose[2])
            * About us
            * Contact
            * Careers
            """
        let document = run(stage, on: text)
        #expect(rendered(document) == "Bike lanes approved\n\(prose[0])\n\n\(prose[1])\n\(prose[2])\n")
        #expect(Set(document.removals.map(\.ruleID)) == [ContentRegionStage.menuRunRule])
    }

    @Test func symbolOnlyLinesGoOutsideTheRegionButStayInside() {
        let text = "×\n*\n\(prose[0])\n---\n\(prose[1])\n→\n"
        #expect(rendered(run(stage, on: text)) == "\(prose[0])\n---\n\(prose[1])\n")
    }

    @Test func keepsShortLinesBetweenParagraphs() {
        let text = "\(prose[0])\nKey facts\n* 40 km\n* 3 years\n* 9 votes to 4\n\(prose[1])\n\(prose[2])\n"
        #expect(rendered(run(stage, on: text)) == text)
    }

    @Test func keepsProseOutsideTheRegion() {
        let menu = ["Menu", "Login", "Cart", "Shop", "Help", "Blog", "Jobs", "Press", "Legal", "Terms"]
        let text = "\(prose[0])\n\(prose[1])\n" + menu.map { "* \($0)\n" }.joined()
            + "Note: the museum is also open on Sundays.\n"
        let output = rendered(run(stage, on: text))
        #expect(output.contains("museum is also open"))
        #expect(!output.contains("Login"))
    }

    @Test func aPageWithoutProseIsLeftAlone() {
        let text = "Blue shirt\n$19.99\nRed shirt\n$24.99\nGreen shirt\n$21.00\n"
        #expect(rendered(run(stage, on: text)) == text)
    }

    @Test func aPageThatIsMostlyNotProseGetsConservativeThresholds() {
        // One paragraph after a long grid of products (without prices, which would
        // mark it as a grid anyway): the grid stays. With the default thresholds
        // everywhere it would go as one long "menu" run.
        let grid = (1...40).map { "Walnut desk \($0)\nIn stock\n" }.joined()
        let text = grid + "\(prose[0])\n"
        #expect(rendered(run(stage, on: text)) == text)
        var everywhere = ContentRegionOptions.default
        everywhere.minimumRegionShare = 0
        let aggressive = ContentRegionStage(options: everywhere, stopwords: .defaults)
        // (the line right above the region stays as its title)
        #expect(rendered(run(aggressive, on: text)) == "In stock\n\(prose[0])\n")
    }

    /// A site's header above an article: lines too long to look like menu items, none
    /// of them prose.
    let header = [
        "Breaking news live updates and latest headlines",
        "Markets Technology Culture Opinion Sport Travel",
        "Sign in to your account today",
    ]

    @Test func trimsTheHeadAboveAnArticle() {
        let text = header.joined(separator: "\n") + "\nBike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n"
        let document = run(stage, on: text)
        #expect(rendered(document) == "Bike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n")
        #expect(Set(document.removals.map(\.ruleID)) == [ContentRegionStage.headRunRule])
        // The run counts the title, which stays.
        #expect(document.removals[0].detail.text?.hasPrefix("one of 4 lines without prose in a row above the main text (lines 5–7), which holds ") == true)
        // Off: the lines stay, as they are no menu items.
        var off = ContentRegionOptions.default
        off.headTrimMinimumShare = .infinity
        #expect(rendered(run(ContentRegionStage(options: off, stopwords: .defaults), on: text)) == text)
        // One line and the title are no run of three.
        let two = header[0] + "\nBike lanes approved\n\(prose[0])\n\(prose[1])\n"
        #expect(rendered(run(stage, on: two)) == two)
    }

    @Test func aHeadlineBreaksAHeadRunUnlessTheRegionHoldsMostOfThePage() {
        // A headline of another article in the header: prose by its words, no sentence.
        let headline = "How the city plans to pay for the new bike lanes"
        let article = "Bike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n"
        let text = "\(header[0])\n\(headline)\n\(header[1])\n\(header[2])\n" + article
        // The region holds about three fifths of the words: the headline breaks the
        // run, and only the two lines after it (with the title, which stays) go.
        #expect(rendered(run(stage, on: text)) == "\(header[0])\n\(headline)\n" + article)
        var mostly = ContentRegionOptions.default
        mostly.headTrimRunningTextShare = 0.6
        let document = run(ContentRegionStage(options: mostly, stopwords: .defaults), on: text)
        #expect(rendered(document) == article)
        #expect(document.removals.first?.detail.text?.hasPrefix(
            "one of 5 lines without running text in a row above the main text (lines 6–8), which holds 6") == true)
    }

    @Test func trimsTheTailBelowAnArticleButNotItsReferences() {
        let teasers = [
            "Ten bike repairs for winter",
            "City desk reporters on transport",
            "Transport Cycling Council Budget Roads Safety",
        ]
        let article = "Bike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n"
        let document = run(stage, on: article + teasers.joined(separator: "\n") + "\n")
        #expect(rendered(document) == article)
        #expect(Set(document.removals.map(\.ruleID)) == [ContentRegionStage.tailRunRule])
        #expect(document.removals[0].detail.text?.hasPrefix("one of 3 lines without prose in a row below the main text (lines 2–4)") == true)
        // A run holding a reference stays whole: the sources of an article.
        // (Lines of five words and more: shorter ones would go as a menu anyway.)
        let heading = "Sources for this article, with links"
        let minutes = "Council minutes, March 2024 session records"
        for source in ["Smith (2019). Protected bike lanes and safety", "Transport plan: https://example.org/plan"] {
            let text = article + "\(heading)\n\(source)\n\(minutes)\n"
            #expect(rendered(run(stage, on: text)) == text, "\(source)")
        }
        let unsourced = article + "\(heading)\nSmith, 2019. Protected bike lanes and safety\n\(minutes)\n"
        #expect(rendered(run(stage, on: unsourced)) == article)
        func reference(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { ContentRegionStage.looksLikeReference($0, 0..<bytes.count) }
        }
        #expect(reference("see www.example.org") && reference("Doe (2021)") && reference("ftp://x"))
        #expect(!reference("The 2019 season (a record)") && !reference("www") && !reference("(20)"))
    }

    /// Headlines of other articles after the last paragraph: prose by their words,
    /// so the region takes them in, but none ends like a sentence.
    let teasers = [
        "More from the city desk",
        "How the city plans to pay for the new bike lanes",
        "Transport",
        "What the new lanes mean for the drivers who use the river road every day",
    ]

    @Test func trimsTeaserHeadlinesTheRegionTookIn() {
        let article = "Bike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n"
        let text = article + teasers.joined(separator: "\n") + "\n"
        let document = run(stage, on: text)
        #expect(rendered(document) == article)
        #expect(Set(document.removals.map(\.ruleID)) == [ContentRegionStage.teaserRunRule])
        #expect(document.removals[0].detail.text?.hasPrefix(
            "one of 4 lines in a row without running text after the main text's last paragraph (lines 2–4 hold ") == true)
        // Off, or when the paragraphs hold too little of the region's prose: all stay.
        var off = ContentRegionOptions.default
        off.teaserTrimMinimumCoreShare = .infinity
        #expect(rendered(run(ContentRegionStage(options: off, stopwords: .defaults), on: text)) == text)
        var demanding = ContentRegionOptions.default
        demanding.teaserTrimMinimumCoreShare = 0.9
        #expect(rendered(run(ContentRegionStage(options: demanding, stopwords: .defaults), on: text)) == text)
        // A line that ends like a sentence is running text: the core reaches it, and
        // the lines before it are the article's too.
        let asked = article + teasers[0..<3].joined(separator: "\n") + "\n\(teasers[3])?\n"
        #expect(rendered(run(stage, on: asked)) == asked)
    }

    @Test func tellsWhetherALineEndsLikeASentence() {
        func ends(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { ContentRegionStage.endsSentence($0, 0..<bytes.count) }
        }
        for text in ["It rained.", "Really?", "Wait!", "Here is how:", "a; b;", "He said “no.”  ", "(It did.)",
                     "And so…", "雨が降った。", "本当？", "«C’est fini.»"] {
            #expect(ends(text), "\(text)")
        }
        for text in ["Ten bike repairs for winter", "Price: $20", "", "  ", "“Quoted”", "Version 2.0 notes", "A → B"] {
            #expect(!ends(text), "\(text)")
        }
    }

    @Test func keepsAGridOfProductsButNotAMenu() {
        // Names and prices in turn after the text: a grid of products, not a menu.
        let article = "\(prose[0])\n\(prose[1])\n\(prose[2])\n"
        let grid = ["* Oak desk", "$ 349", "* Walnut desk", "$ 429", "* Pine shelf", "€89,00"]
        let text = article + grid.joined(separator: "\n") + "\n"
        var noTrims = ContentRegionOptions.default
        noTrims.tailTrimMinimumShare = .infinity
        let stage = ContentRegionStage(options: noTrims, stopwords: .defaults)
        #expect(rendered(run(stage, on: text)) == text)
        // Without the prices the same run is a menu.
        let menu = ["* Oak desk", "* Walnut desk", "* Pine shelf", "* Contact"]
        #expect(rendered(run(stage, on: article + menu.joined(separator: "\n") + "\n")) == article)
        // One price is no grid.
        let one = ["* Oak desk", "$ 349", "* Walnut desk", "* Pine shelf"]
        #expect(rendered(run(stage, on: article + one.joined(separator: "\n") + "\n")) == article)
        func price(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { ContentRegionStage.looksLikePrice($0, 0..<bytes.count) }
        }
        for text in ["$30", "From $ 1,099", "12,99 €", "£5", "¥ 800", "₹499", "Price: 20 $"] { #expect(price(text), "\(text)") }
        for text in ["Save $$$", "US$", "€ off", "Cost in dollars: 20", "A$B 5"] { #expect(!price(text), "\(text)") }
    }

    @Test func keepsTheHeadWhenTheRegionHoldsLittleOfThePage() {
        // A listing: its items above a paragraph that holds under half of the words.
        let items = (1...12).map { "Walnut writing desk with two drawers, model \($0)" }
        let text = items.joined(separator: "\n") + "\n\(prose[0])\n\(prose[1])\n"
        #expect(rendered(run(stage, on: text)) == text)
    }

    @Test func conservativeModeKeepsShortRuns() {
        let text = "* Home\n* News\n* Sport\n\(prose[0])\n\(prose[1])\n"
        let conservative = ContentRegionStage(options: .conservative, stopwords: .defaults)
        #expect(rendered(run(conservative, on: text)) == text)
        let head = header.joined(separator: "\n") + "\n\(prose[0])\n\(prose[1])\n"
        #expect(rendered(run(conservative, on: head)) == head)
        #expect(rendered(run(stage, on: text)) == "\(prose[0])\n\(prose[1])\n")
    }

    @Test func recognisesListBullets() {
        func bullet(_ s: String) -> Bool {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { ContentRegionStage.startsWithBullet($0, 0..<bytes.count) }
        }
        #expect(bullet("  * Home"))
        #expect(bullet("+ Sub item"))
        #expect(bullet("• News"))
        #expect(!bullet("*emphasis*"))
        #expect(!bullet("Home"))
        #expect(!bullet("-"))
    }
}
