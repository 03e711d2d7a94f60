import FuzzSupport
import Pare

/// The rule-pack parser on arbitrary bytes: errors are expected, traps are not. A pack
/// that parses is compiled into a cleaner, its examples are run, and it cleans the
/// input itself and a small page.
enum RulePackTarget {
    static let page: [UInt8] = Array("""
        Advertisement
        The council met on Tuesday to discuss the new budget for the coming year.
        Read more: Ten things to know about the budget
        Share on Facebook | Tweet | Email
        Residents can comment on the plan until the end of the month.

        Comments (12)
        Log in to post a comment.

        """.utf8)

    static func run(_ data: UnsafeRawBufferPointer) {
        // As `RulePack(contentsOfFile:)` would after validation; invalid UTF-8 becomes
        // U+FFFD here, which is one more odd character for the parser to meet.
        let text = String(decoding: data, as: UTF8.self)
        let pack: RulePack
        do {
            pack = try RulePack(parsing: text, file: "fuzz.rules")
        } catch {
            fuzzCheck(error.location.file == "fuzz.rules" && error.location.line >= 1
                      && error.location.line <= data.count + 1,
                      "error at \(error.location) for \(data.count) bytes")
            fuzzCheck(!error.message.isEmpty, "error without a message")
            return
        }
        fuzzCheck(Set(pack.rules.map(\.id)).count == pack.rules.count, "duplicate rule ids in a parsed pack")
        for rule in pack.rules {
            fuzzCheck(!rule.patterns.isEmpty, "rule \(rule.id) without a pattern")
            fuzzCheck((0.0...1.0).contains(rule.tailFraction) && rule.tailFraction > 0,
                      "rule \(rule.id) with tail fraction \(rule.tailFraction)")
            // Failing examples are the pack author's problem; running them must not trap.
            _ = rule.failingExamples()
        }
        let cleaner: Cleaner
        do {
            cleaner = try Cleaner(packs: [pack], heuristic: .none)
        } catch {
            fuzzCheck(false, "a parsed pack does not make a cleaner: \(error)")
            return
        }
        for document in [page, Array(data)] {
            let url: [UInt8] = Array("https://example.com/news/budget".utf8)
            let cleaned = cleaner.clean(bytes: document, url: url)
            CleanedOutputChecks.checkTidy(cleaned, inputCount: document.count)
            let report = cleaner.cleanWithReport(bytes: document, url: url)
            fuzzCheck(report.bytes == cleaned, "cleanWithReport gave other bytes than clean(bytes:)")
            CleanedOutputChecks.checkReport(report, cleaned: cleaned)
        }
    }
}
