import Testing
@testable import Pare

@Suite("Glued link rows")
struct GluedLinkRowTests {
    let stage = GluedLinkRowStage(stopwords: .defaults)

    @Test func aRowOfLinksRunTogetherGoes() {
        let rows = [
            "About usContact usPrivacy policyTerms of use",
            "   TwitterFacebookWhatsAppLinkedIn   ",
            "NewsletterPress RoomWriter GuidelinesCustomer Service",
            "О насКонтактыВакансииПомощь",           // Cyrillic: "ас|К", "ты|В", "ии|П"
            "ImpressumDatenschutzÜber unsKarriere",   // a Latin-1 capital
        ]
        for row in rows {
            let document = run(stage, on: "Title\n\(row)\nThe article says what it says.\n")
            #expect(rendered(document) == "Title\nThe article says what it says.\n", "\(row)")
            #expect(document.removals.map(\.ruleID) == [GluedLinkRowStage.rule])
        }
    }

    @Test func theDetailCountsJoinsAndSpaces() {
        let document = run(stage, on: "About usContact usPrivacy policyTerms of use\n")
        guard case .gluedLinks(let joins, let spaces) = document.removals.first?.detail else {
            Issue.record("no glued-links detail")
            return
        }
        #expect(joins == 3 && spaces == 5)
        #expect(document.removals[0].detail.text == "links run together: 3 capitals glued to the word before them, 5 spaces")
    }

    @Test func namesInRunningTextStay() {
        let kept = [
            // Sentences and lists of names: commas, sentence ends, too many spaces.
            "They market on LinkedIn, Facebook, YouTube, Instagram and TikTok.",
            "YouTube and LinkedIn suit everyone. WordPress sites rely on GitHub.",
            "WordPress and GitHub and LinkedIn and YouTube all work very well together on most sites",
            // Two joins only: names.
            "More freeCodeCamp courses here",
            "PreFabPads",
            // Code, handles and hashtags.
            "Notice how componentDidMount() and componentWillUnmount() mirror each other",
            "Share your photos with @InstantPotOfficial or #MealtimeAmazement!",
            "HttpRawMessageLoggingHandler = DelegatingHandler;",
            "onInStockOnlyChange",
            // Other scripts have no capitals to glue.
            "日本語のテキストHomeです",
        ]
        for line in kept {
            let text = "\(line)\n"
            #expect(rendered(run(stage, on: text)) == text, "\(line)")
        }
    }

    @Test func joinsAreTwoLowerCaseLettersThenACapitalAndALowerCaseLetter() {
        func joins(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { GluedLinkRowStage.joins(in: $0)?.joins }
        }
        #expect(joins("About usContact") == 1)
        #expect(joins("UsContact") == 0)             // "Us": one lower-case letter
        #expect(joins("Apple iPhone iPad") == 0)     // one lower-case letter before
        #expect(joins("NewsCNN") == 0)               // no lower-case letter after
        #expect(joins("XabCdEf") == 1)               // "Cd" after "ab"; "Ef" after "Cd"
        #expect(joins("onInStockOnlyChange") == nil) // a small letter first
        #expect(joins("end. Next") == nil)           // a sentence end before a capital
        #expect(joins("end.” Next") == nil)
        #expect(joins("A, b") == nil)
        #expect(joins("A,b") == 0)
    }

    @Test func itRunsWithTheContentRegionNotWithoutHeuristics() throws {
        let page = "Welcome\nGarden ToolsKitchen WareBath TowelsBed Linen\n"
            + "The council met on Tuesday to discuss the budget for the coming year, and agreed on most of it.\n"
        #expect(!(try Cleaner().clean(page)).contains("Garden Tools"))
        #expect(!(try Cleaner(heuristic: .contentRegion(.default)).clean(page)).contains("Garden Tools"))
        #expect((try Cleaner(heuristic: .none).clean(page)).contains("Garden Tools"))
    }
}
