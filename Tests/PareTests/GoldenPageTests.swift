import Foundation
import Testing
import Pare

/// Whole pages in several styles and languages (`Fixtures/<case>/input.txt`) and the
/// exact text Pare must print for them (`expected.txt`).
@Suite("Golden pages")
struct GoldenPageTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted()
    static let cleaner = try! Cleaner()

    func load(_ name: String, _ file: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }

    @Test func thereAreGoldenPages() {
        #expect(Self.cases.count >= 7)
    }

    @Test("Cleans each golden page exactly", arguments: cases)
    func golden(name: String) throws {
        let output = Self.cleaner.clean(try load(name, "input.txt"))
        #expect(output == (try load(name, "expected.txt")))
    }

    @Test("Same result with CRLF line endings", arguments: cases)
    func goldenCRLF(name: String) throws {
        let input = try load(name, "input.txt").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.cleaner.clean(input) == (try load(name, "expected.txt")))
    }

    @Test("Cleaning is idempotent", arguments: cases)
    func idempotent(name: String) throws {
        let once = Self.cleaner.clean(try load(name, "input.txt"))
        #expect(Self.cleaner.clean(once) == once)
    }
}
