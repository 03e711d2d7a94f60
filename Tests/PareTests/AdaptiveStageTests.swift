import Testing
@testable import Pare

@Suite("Adaptive heuristic")
struct AdaptiveStageTests {
    let adaptive = AdaptiveStage(region: .default, weakPages: .conservative, removesRepeatedLines: true)
    let region = ContentRegionStage(options: .default, stopwords: .defaults)

    let prose = [
        "The council voted on Tuesday to build a network of protected bike lanes across the city.",
        "Supporters said that the lanes would make it safe for parents and for older residents to ride.",
        "The first segment of the network is due to open along the river in the spring of next year.",
    ]

    /// Menus, then a grid of products, then one paragraph: the prose is a small part
    /// of the page (a weak region), and the page has the 100 words the classifier needs.
    var shopPage: String {
        let menu = ["Home", "Shop", "Sale", "Cart", "Log in", "Help"].map { "* \($0)\n" }.joined()
        let grid = (1...30).map { "Walnut desk \($0)\n$\($0 * 10).00\nAdd to wishlist\n" }.joined()
        let footer = ["Privacy", "Terms", "Careers", "Press"].map { "* \($0)\n" }.joined()
        return menu + grid + prose[0] + "\n" + footer
    }

    func stages(_ document: Document) -> Set<String> { Set(document.removals.map(\.stage)) }

    @Test func aPageWhoseRegionHoldsTheProseGetsTheRegion() {
        let text = "* Home\n* News\n* Sport\n* Weather\nBike lanes approved\n\(prose[0])\n\(prose[1])\n\(prose[2])\n* About us\n* Contact\n"
        let document = run(adaptive, on: text)
        #expect(rendered(document) == rendered(run(region, on: text)))
        #expect(stages(document) == [region.name])
    }

    @Test func aPageWhoseRegionIsWeakGetsTheClassifier() {
        var page = Document(bytes: Array(shopPage.utf8))
        let plan = region.plan(for: &page)
        #expect(plan?.regionIsWeak == true)
        let document = run(adaptive, on: shopPage)
        #expect(stages(document) == [adaptive.classifier.name])
        #expect(rendered(document) != rendered(run(region, on: shopPage)))
        #expect(rendered(document).contains(prose[0]))
    }

    @Test func aPageWithoutProseIsLeftAlone() {
        let text = (1...60).map { "Blue shirt \($0)\n$19.99\n" }.joined()
        #expect(rendered(run(adaptive, on: text)) == text)
    }

    @Test func aPageOfVeryManyLinesKeepsTheRegion() {
        // Weak, but longer than the classifier is given: its settling rounds would
        // score every one of these lines again each time.
        let lines = AdaptiveStage.maximumClassifiedLines / 3 + 1
        let grid = (1...lines).map { "Walnut desk \($0)\n$\($0).00\nAdd to wishlist\n" }.joined()
        let text = grid + prose[0] + "\n"
        let document = run(adaptive, on: text)
        #expect(!stages(document).contains(adaptive.classifier.name))
        #expect(rendered(document) == rendered(run(region, on: text)))
    }

    @Test func theConservativeRegionTakesEveryPage() throws {
        let conservative = try Cleaner(heuristic: .adaptive(.conservative))
        let region = try Cleaner(heuristic: .contentRegion(.conservative))
        #expect(conservative.clean(shopPage) == region.clean(shopPage))
    }

    @Test func theDefaultCleanerIsAdaptive() throws {
        let cleaner = try Cleaner()
        let report = cleaner.cleanWithReport(shopPage)
        #expect(report.removals.contains { $0.stage == adaptive.classifier.name })
        #expect(report.text == (try Cleaner(heuristic: .adaptive()).clean(shopPage)))
    }

    /// `--explain` says why the page went to the classifier, as well as why the line went.
    @Test func theClassifiersRemovalsSayWhyThePageWentToIt() throws {
        let adaptive = try Cleaner().cleanWithReport(shopPage).removals.filter { $0.ruleID == LineClassifierStage.lineRule }
        #expect(!adaptive.isEmpty)
        for removal in adaptive {
            let detail = try #require(removal.detail)
            #expect(detail.hasPrefix("classifier, as the main text is "), "\(detail)")
            #expect(detail.contains("% of the page's words (under 25%): p(content) "), "\(detail)")
        }
        let alone = try Cleaner(heuristic: .lineClassifier()).cleanWithReport(shopPage).removals
        #expect(alone.contains { $0.ruleID == LineClassifierStage.lineRule })
        #expect(!alone.contains { $0.detail?.contains("main text is") == true })
    }
}
