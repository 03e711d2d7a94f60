import Foundation
import Testing

@Suite("pare command line")
struct CLITests {
    let sample = repositoryRoot.appendingPathComponent("Samples/news-article.txt").path
    let sampleExpected = repositoryRoot.appendingPathComponent("Samples/news-article.expected.txt").path

    @Test func cleansTheShippedSampleExactly() throws {
        let result = try PareProcess.run([sample])
        #expect(result.status == 0)
        #expect(result.text == (try String(contentsOfFile: sampleExpected, encoding: .utf8)))
    }

    @Test func readsStandardInputWhenNoFileOrDashIsGiven() throws {
        let page = try String(contentsOfFile: sample, encoding: .utf8)
        let expected = try String(contentsOfFile: sampleExpected, encoding: .utf8)
        #expect(try PareProcess.run([], input: page).text == expected)
        #expect(try PareProcess.run(["-"], input: page).text == expected)
    }

    static let sharedExample = repositoryRoot.appendingPathComponent("../shared/examples/news-article.txt").standardized.path

    @Test("The team's seed example (when ../shared is beside the clone)",
          .enabled(if: FileManager.default.fileExists(atPath: sharedExample)))
    func seedExample() throws {
        let expected = try String(contentsOfFile: Self.sharedExample.replacingOccurrences(of: ".txt", with: ".expected.txt"), encoding: .utf8)
        let page = try String(contentsOfFile: Self.sharedExample, encoding: .utf8)
        #expect(try PareProcess.run([], input: page).text == expected)
    }

    @Test func eachFileIsOneDocumentInOrder() throws {
        let a = TemporaryFile("First page.\nAdvertisement\n")
        let b = TemporaryFile("Second page.\n")
        let result = try PareProcess.run([a.path, b.path])
        #expect(result.text == "First page.\nSecond page.\n")
    }

    @Test func emptyInputGivesEmptyOutputAndSuccess() throws {
        let result = try PareProcess.run([], input: "")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func crlfInputIsHandled() throws {
        let result = try PareProcess.run([], input: "Body one.\r\nAdvertisement\r\n\r\nBody two.\r\n")
        #expect(result.text == "Body one.\n\nBody two.\n")
    }

    @Test func invalidUTF8PassesThroughByteForByte() throws {
        let input: [UInt8] = Array("caf".utf8) + [0xE9, 0x20, 0xFF, 0xFE] + Array(" ok\nAdvertisement\n".utf8)
        let result = try PareProcess.run([], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == Array("caf".utf8) + [0xE9, 0x20, 0xFF, 0xFE] + Array(" ok\n".utf8))
    }

    @Test func userDropLinePatterns() throws {
        let result = try PareProcess.run(["-e", "^Sale", "--drop-line", "coupon"], input: "Sale now\nText.\nUse coupon X\n")
        #expect(result.text == "Text.\n")
        let caseless = try PareProcess.run(["-i", "-e", "^sale"], input: "SALE now\nText.\n")
        #expect(caseless.text == "Text.\n")
    }

    @Test func keepRepeatedLinesKeepsTheCopy() throws {
        let line = "The council voted on Tuesday to build a network of protected bike lanes."
        let page = "\(line)\nSupporters said that the lanes would make the city safe for older riders.\n\(line)\n"
        #expect(try PareProcess.run([], input: page).text.components(separatedBy: line).count == 2)
        #expect(try PareProcess.run(["--keep-repeated-lines"], input: page).text == page)
    }

    @Test func classifierThresholdIsCheckedAndConservativeKeepsMore() throws {
        let wrongHeuristic = try PareProcess.run(["--classifier-threshold", "0.3"], input: "Text.\n")
        #expect(wrongHeuristic.status == 2)
        #expect(wrongHeuristic.stderr.contains("--classifier-threshold needs --heuristic classifier"))
        let outOfRange = try PareProcess.run(["--heuristic", "classifier", "--classifier-threshold", "1.5"], input: "Text.\n")
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stderr.contains("between 0 and 1"))
        let prose = [
            "The council voted on Tuesday to build a network of protected bike lanes across the city, ending a debate that lasted two years.",
            "Supporters said that the lanes would make it safe for parents and for older residents to ride to work and to school.",
            "Opponents worry about the cost of the project and about the loss of parking spaces in the old town and near the market.",
            "The first segment of the network is due to open along the river in the spring of next year, the mayor said.",
            "A second segment will link the university with the main railway station by the end of the decade.",
        ]
        // Over 100 words: below that, the classifier leaves the page to the content region.
        let page = "* Sport\n* Weather\n* Travel\nBike lanes approved\n" + prose.joined(separator: "\n") + "\n"
        let shipped = try PareProcess.run(["--heuristic", "classifier"], input: page).text
        let conservative = try PareProcess.run(["--heuristic", "classifier", "--conservative"], input: page).text
        let everything = try PareProcess.run(["--heuristic", "classifier", "--classifier-threshold", "0"], input: page).text
        #expect(!shipped.contains("Weather"))
        #expect(conservative.count >= shipped.count)
        #expect(everything == page)
    }

    @Test func patternThatDoesNotCompileExitsTwoWithPCRE2Message() throws {
        let result = try PareProcess.run(["-e", "(unclosed"], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing closing parenthesis"))
        #expect(result.stdout.isEmpty)
    }

    @Test func catastrophicPatternFinishesKeepsTheLineAndWarns() throws {
        let line = String(repeating: "a", count: 5000) + "b"
        let started = Date()
        let result = try PareProcess.run(["-e", "^(a+)+$"], input: line + "\nOrdinary text follows here.\n")
        #expect(Date().timeIntervalSince(started) < 30)   // a hang guard, not a benchmark
        #expect(result.status == 0)
        #expect(result.text == line + "\nOrdinary text follows here.\n")
        #expect(result.stderr.contains("user.e1"))
        #expect(result.stderr.contains("limit"))
    }

    @Test func badRulePackExitsTwoNamingFileAndLine() throws {
        let pack = TemporaryFile("pack mine\nrule mine.x\n  action drop-line\n  pattern ([a-\n  remove a\n  keep b\n", suffix: ".rules")
        let result = try PareProcess.run(["--rules", pack.path], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(pack.path):4:"))
    }

    @Test func userRulePackIsApplied() throws {
        let pack = TemporaryFile("pack mine\nrule mine.x\n  action drop-line\n  pattern ^Promo:\n  remove Promo: buy\n  keep Promotion\n", suffix: ".rules")
        let result = try PareProcess.run(["--rules", pack.path], input: "Promo: buy now\nText.\n")
        #expect(result.text == "Text.\n")
    }

    @Test func disableTurnsRulesOffAndRejectsUnknownIDs() throws {
        let pack = TemporaryFile("pack mine\nrule mine.x\n  action drop-line\n  pattern ^Promo:\n  remove Promo: buy\n  keep Promotion\n", suffix: ".rules")
        #expect(try PareProcess.run(["--rules", pack.path, "--disable", "mine.x"], input: "Promo: a\n").text == "Promo: a\n")
        #expect(try PareProcess.run(["--rules", pack.path, "--disable", "mine"], input: "Promo: a\n").text == "Promo: a\n")
        let unknown = try PareProcess.run(["--disable", "no.such"], input: "x\n")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no.such"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try PareProcess.run(["--no-such-option"], input: "")
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test func missingFileExitsOneNamingItAndStillCleansTheOthers() throws {
        let good = TemporaryFile("Kept.\n")
        let result = try PareProcess.run(["/nonexistent/page.txt", good.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/page.txt"))
        #expect(result.text == "Kept.\n")
    }

    @Test func explainShowsRemovedLinesAndTheirRules() throws {
        let result = try PareProcess.run(["--explain"], input: "Body text.\nAdvertisement\n")
        #expect(result.status == 0)
        #expect(result.text.contains("  Body text.\n"))
        let removed = result.text.split(separator: "\n").first { $0.hasPrefix("- Advertisement") }
        #expect(removed?.contains("[ads.") == true)
        #expect(!result.text.contains("\u{1B}["))   // no colour when not a terminal
        let coloured = try PareProcess.run(["--explain", "--color", "always"], input: "Body text.\nAdvertisement\n")
        #expect(coloured.text.contains("\u{1B}[31m"))
    }

    @Test func statsGoToStandardError() throws {
        let result = try PareProcess.run(["--stats"], input: "Body text.\nAdvertisement\n")
        #expect(result.text == "Body text.\n")
        #expect(result.stderr.contains("1 document"))
        #expect(result.stderr.contains("ads."))
    }

    @Test func nullSeparatedDocumentsKeepTheirCount() throws {
        let result = try PareProcess.run(["-z"], stdin: Array("One.\nAdvertisement\u{0}\u{0}Two.\u{0}".utf8))
        #expect(result.stdout.filter { $0 == 0 }.count == 3)
        #expect(result.text == "One.\n\u{0}\u{0}Two.\n\u{0}")
    }

    @Test func rulesListAndTest() throws {
        let list = try PareProcess.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.text.contains("read-next."))
        #expect(list.text.contains("comments.opener               cut-tail   (tail 45%) "))
        #expect(list.text.contains("share.label                   drop-line  (ends content) "))
        let test = try PareProcess.run(["rules", "test"])
        #expect(test.status == 0)
        #expect(test.text.contains(" passed, 0 failed"))
        let broken = TemporaryFile("pack mine\nrule mine.x\n  action drop-line\n  pattern ^x\n  remove y\n  keep z\n", suffix: ".rules")
        let failing = try PareProcess.run(["rules", "test", "--no-default-rules", broken.path])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("\(broken.path):5"))
    }

    @Test func writeFailureExitsOneWithAMessage() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let result = try PareProcess.run([], stdin: Array("Some text.\n".utf8), stdoutPath: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write"))
    }

    @Test func versionAndHelpExitZero() throws {
        #expect(try PareProcess.run(["--version"]).status == 0)
        let help = try PareProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.text.contains("USAGE"))
    }
}
