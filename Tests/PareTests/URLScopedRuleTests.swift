import Testing
@testable import Pare

/// Rules with `url` patterns apply only to pages whose URL matches.
@Suite("URL-scoped rules")
struct URLScopedRuleTests {
    static let pack = "pack site\n" + ruleBlock(id: "site.ad", extra: "  url ^https?://([^/]+\\.)?example\\.org/\n  url /sponsored/")
        + ruleBlock(id: "site.tail", action: "cut-tail", pattern: "^Advertisement$", extra: "  url example\\.net")

    static func cleaner() throws -> Cleaner {
        try Cleaner(packs: [try RulePack(parsing: pack, file: "site.rules")], heuristic: .none)
    }

    static let page = "First line of the story.\nAdvertisement\nLast line of the story.\n"

    @Test func parsesURLPatterns() throws {
        let rules = try RulePack(parsing: Self.pack, file: "site.rules").rules
        #expect(rules[0].urlPatterns == ["^https?://([^/]+\\.)?example\\.org/", "/sponsored/"])
        #expect(rules[0].isURLScoped)
        #expect(try Self.cleaner().hasURLScopedRules)
        #expect(try !Cleaner(heuristic: .none).hasURLScopedRules)
    }

    @Test func appliesOnlyWhereTheURLMatches() throws {
        let cleaner = try Self.cleaner()
        let kept = "First line of the story.\nAdvertisement\nLast line of the story.\n"
        let cleaned = "First line of the story.\nLast line of the story.\n"
        #expect(cleaner.clean(Self.page) == kept)                                   // no URL known
        #expect(cleaner.clean(Self.page, url: "https://other.org/a") == kept)
        #expect(cleaner.clean(Self.page, url: "https://news.EXAMPLE.org/a") == cleaned)   // caseless
        #expect(cleaner.clean(Self.page, url: "https://other.org/sponsored/x") == cleaned) // second alternative
    }

    @Test func cutTailRulesAreScopedToo() throws {
        let cleaner = try Self.cleaner()
        let page = "One long opening paragraph of the story, with words enough to matter.\nAdvertisement\nend\n"
        let result = cleaner.cleanWithReport(page, url: "https://example.net/story")
        #expect(result.removals.contains { $0.ruleID == "site.tail" })
        #expect(!cleaner.cleanWithReport(page, url: "https://example.com/story").removals.contains { $0.ruleID == "site.tail" })
    }

    @Test func badURLPatternNamesItsLine() throws {
        let text = "pack p\n" + ruleBlock(id: "p.r", extra: "  url (unclosed")
        #expect(throws: RulePackError.self) { try RulePack(parsing: text, file: "p.rules") }
        do {
            _ = try RulePack(parsing: text, file: "p.rules")
        } catch {
            #expect(error.location.line == 6)
            #expect(error.message.contains("url pattern does not compile"))
        }
    }
}
