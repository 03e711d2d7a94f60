import Foundation
import Testing
@testable import Pare

@Suite("Rule-pack parser")
struct RulePackParserTests {
    @Test func parsesPackAndRules() throws {
        let text = "# comment\npack ads\nabout Ad labels\n\n" + ruleBlock(id: "ads.label", extra: "  max-words 3")
            + ruleBlock(id: "ads.tail", action: "cut-tail", extra: "  tail 30%")
        let pack = try RulePack(parsing: text, file: "ads.rules")
        #expect(pack.name == "ads")
        #expect(pack.about == "Ad labels")
        #expect(pack.rules.map(\.id) == ["ads.label", "ads.tail"])
        #expect(pack.rules[0].maxWords == 3)
        #expect(pack.rules[0].action == .dropLine)
        #expect(pack.rules[1].tailFraction == 0.3)
        #expect(!pack.rules[0].endsContent)
        #expect(pack.rules[0].location == SourceLocation(file: "ads.rules", line: 5))
        #expect(pack.rules[0].examples.count == 2)
    }

    @Test func endsContentMarksADropLineRule() throws {
        let pack = try RulePack(parsing: "pack p\n" + ruleBlock(id: "p.r", extra: "  ends-content"), file: "p.rules")
        #expect(pack.rules[0].endsContent)
    }

    @Test func severalPatternLinesAreAlternatives() throws {
        let text = """
        pack p
        rule p.r
          action drop-line
          pattern ^one$
          pattern ^two$
          remove one
          remove two
          keep three
        """
        let pack = try RulePack(parsing: text, file: "p.rules")
        #expect(pack.rules[0].patterns == ["^one$", "^two$"])
        #expect(pack.failingExamples().isEmpty)
    }

    @Test func acceptsCRLFFiles() throws {
        let text = ("pack p\n" + ruleBlock(id: "p.r")).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try RulePack(parsing: text, file: "p.rules").rules.count == 1)
    }

    private func error(_ text: String) -> RulePackError? {
        do {
            _ = try RulePack(parsing: text, file: "bad.rules")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyNamesFileAndLine() {
        let e = error("pack p\nrule p.r\n  action drop-line\n  patern ^x$\n")
        #expect(e?.location == SourceLocation(file: "bad.rules", line: 4))
        #expect(e?.message.contains("unknown key 'patern'") == true)
        #expect(e?.description.hasPrefix("bad.rules:4: ") == true)
    }

    @Test func patternThatDoesNotCompileNamesItsLineAndPCRE2Message() {
        let e = error("pack p\n" + ruleBlock(id: "p.r", pattern: "(unclosed"))
        #expect(e?.location.line == 5)
        #expect(e?.message.contains("missing closing parenthesis") == true)
    }

    @Test func missingPieces() {
        #expect(error("rule p.r\n")?.message.contains("pack NAME") == true)
        #expect(error("")?.message.contains("no 'pack NAME'") == true)
        #expect(error("pack p\nrule p.r\n  pattern x\n  remove x\n  keep y\n")?.message.contains("no 'action'") == true)
        #expect(error("pack p\nrule p.r\n  action drop-line\n  remove x\n  keep y\n")?.message.contains("no 'pattern'") == true)
        #expect(error("pack p\nrule p.r\n  action drop-line\n  pattern x\n  keep y\n")?.message.contains("'remove'") == true)
        #expect(error("pack p\nrule p.r\n  action explode\n")?.message.contains("unknown action 'explode'") == true)
    }

    @Test func badValues() {
        #expect(error("pack p\nrule p.r\n  max-words many\n")?.location.line == 3)
        #expect(error("pack p\nrule p.r\n  tail 40\n")?.message.contains("percentage") == true)
        #expect(error("pack p\n" + ruleBlock(id: "p.r", extra: "  tail 40%"))?.message.contains("cut-tail rules only") == true)
        #expect(error("pack p\n" + ruleBlock(id: "p.r", action: "cut-tail", extra: "  ends-content"))?
            .message.contains("drop-line rules only") == true)
        #expect(error("pack p\n" + ruleBlock(id: "p.r", extra: "  ends-content yes"))?.message.contains("takes no value") == true)
        #expect(error("pack P!\n")?.message.contains("pack name") == true)
        #expect(error("pack p\nrule Bad Id\n")?.message.contains("rule id") == true)
        #expect(error("pack p\nrule p.r\n  becomes x\n")?.message.contains("must follow a 'remove'") == true)
    }

    @Test func duplicateRuleIDsInOnePackAreRejected() {
        let e = error("pack p\n" + ruleBlock(id: "p.r") + ruleBlock(id: "p.r"))
        #expect(e?.message.contains("already used at line 2") == true)
    }

    @Test func duplicateRuleIDsAcrossPacksAreRejectedByTheCleaner() throws {
        let a = try RulePack(parsing: "pack a\n" + ruleBlock(id: "same.id"), file: "a.rules")
        let b = try RulePack(parsing: "pack b\n" + ruleBlock(id: "same.id"), file: "b.rules")
        #expect(throws: CleanerError.self) { try Cleaner(packs: [a, b]) }
    }

    @Test func packFileWithInvalidUTF8IsRejectedWithItsLine() throws {
        let path = "/tmp/pare-test-\(UInt32.random(in: 0...UInt32.max)).rules"
        let bytes = Array("pack p\nabout ok\nabout bad ".utf8) + [0xFF] + Array("\n".utf8)
        let file = fopen(path, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        defer { remove(path) }
        do {
            _ = try RulePack(contentsOfFile: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: path, line: 3))
            #expect(error.message.contains("UTF-8"))
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
