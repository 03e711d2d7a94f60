import Foundation
import Testing
@testable import Pare

/// Patterns are JIT-compiled on their first match (``LazyJIT``), which may come from
/// several threads at once: each must see a pattern ready to match, with the same
/// results as once it is compiled.
@Suite("JIT compilation on first use")
struct LazyJITTests {
    /// Patterns of the shapes the packs use, and subjects that match some of them,
    /// fail others early or late, or are not valid UTF-8.
    static let sources = [
        "^advertisement$", "\\bad\\b", "^(?:share|tweet|email)(?:\\s+(?:on|via)\\s+\\w+)?$",
        "^реклама\\b", "^\\w+$", "(?:cookies?|consent)", "^read (?:more|next)\\b.{0,40}$",
        "\\d{1,2} (?:min|minute)s? read$", "^(?:[^\\s]+\\s+){3}",
    ]
    static let subjects: [[UInt8]] = [
        "Advertisement", "read ad now", "Share on Facebook", "Tweet", "РЕКЛАМА на сайте",
        "Kommentäre", "We use cookies to improve", "Read more about the budget", "5 min read",
        "The body of the article, with enough words to be prose.", "",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE] + Array(" ad ".utf8) + [0xC3]]

    /// Every pattern's outcome on every subject, pattern by pattern.
    static func outcomes(_ patterns: [CompiledPattern], scratch: MatchScratch) -> [[MatchOutcome]] {
        patterns.map { pattern in
            subjects.map { subject in subject.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) } }
        }
    }

    @Test func firstMatchGivesTheSameOutcomesAsLaterOnes() throws {
        let scratch = MatchScratch(limits: .default)
        for source in Self.sources {
            // A fresh pattern for each subject, so that every outcome is a first use.
            let first = try Self.subjects.map { subject in
                let pattern = try CompiledPattern(source)
                #expect(!pattern.isJITCompiled)
                return subject.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
            }
            let used = try CompiledPattern(source)
            let later = Self.outcomes([used, used], scratch: scratch)
            #expect(first == later[0], "\(source)")
            #expect(first == later[1], "\(source)")
        }
        #expect(Self.outcomes([try CompiledPattern("\\bad\\b")], scratch: scratch)[0].contains(.match(5..<7)))
    }

    @Test func handlesTakenBeforeTheFirstMatchSeeTheCompiledCode() throws {
        // The hot loops keep handles made when the stage is built, before any match.
        let scratch = MatchScratch(limits: .default)
        let pattern = try CompiledPattern("\\bad\\b")
        let early = pattern.handle
        let subject = Array("read ad now".utf8)
        #expect(subject.withUnsafeBufferPointer { early.firstMatch(in: $0, scratch: scratch) } == .match(5..<7))
        #expect(pattern.isJITCompiled)
        #expect(subject.withUnsafeBufferPointer { pattern.handle.firstMatch(in: $0, scratch: scratch) } == .match(5..<7))
    }

    @Test func firstUseFromManyThreadsAtOnceMatchesCorrectly() throws {
        let expected = Self.outcomes(try Self.sources.map { try CompiledPattern($0) },
                                     scratch: MatchScratch(limits: .default))
        for _ in 0..<20 {
            let fresh = try Self.sources.map { try CompiledPattern($0) }
            let results = onThreadsAtOnce(count: 8) { thread in
                // Each thread starts at a different pattern, so that threads meet on
                // patterns being compiled as well as on compiled ones.
                let scratch = MatchScratch(limits: .default)
                let order = fresh.indices.map { ($0 + thread) % fresh.count }
                var outcomes = [[MatchOutcome]](repeating: [], count: fresh.count)
                for index in order { outcomes[index] = Self.outcomes([fresh[index]], scratch: scratch)[0] }
                return outcomes
            }
            for outcomes in results { #expect(outcomes == expected) }
            let allCompiled = fresh.allSatisfy { $0.isJITCompiled }
            #expect(allCompiled)
        }
    }

    @Test func aCleanerFirstUsedFromSeveralThreadsAtOnceCleansTheGoldenPagesExactly() throws {
        // Packs parsed anew: those of RulePack.defaults() are shared by the whole test
        // process, and other tests will have JIT-compiled their patterns already.
        let packs = try EmbeddedPatterns.files.map { name, text in try RulePack(parsing: text, file: "default/\(name)") }
        let cleaner = try Cleaner(packs: packs)
        let patterns = cleaner.rules.flatMap { $0.matcher.patterns + $0.matcher.prefilters.compactMap { $0 } }
        let noneCompiled = patterns.allSatisfy { !$0.isJITCompiled }
        #expect(!patterns.isEmpty && noneCompiled)
        let pages = try GoldenPageTests.cases.map { name in
            (try load(name, "input.txt"), try load(name, "expected.txt"))
        }
        #expect(!pages.isEmpty)
        let results = onThreadsAtOnce(count: 4) { thread in
            pages.indices.map { index in cleaner.clean(pages[(index + thread) % pages.count].0) }
        }
        for (thread, outputs) in results.enumerated() {
            for (index, output) in outputs.enumerated() {
                #expect(output == pages[(index + thread) % pages.count].1)
            }
        }
        let someCompiled = patterns.contains { $0.isJITCompiled }
        #expect(someCompiled)
    }

    private func load(_ name: String, _ file: String) throws -> String {
        try String(contentsOf: GoldenPageTests.fixtures.appendingPathComponent(name).appendingPathComponent(file),
                   encoding: .utf8)
    }
}

/// Runs `body` on `count` system threads released together, and returns what each
/// returned, by thread number. (Swift concurrency's pool would run as few threads as
/// there are cores, one after the other on a small machine.)
private func onThreadsAtOnce<Result: Sendable>(count: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
    let results = ThreadResults<Result>()
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for thread in 0..<count {
        done.enter()
        Thread {
            start.wait()
            let value = body(thread)
            results.lock.lock()
            results.values[thread] = value
            results.lock.unlock()
            done.leave()
        }.start()
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return (0..<count).map { results.values[$0]! }
}

/// What each thread of ``onThreadsAtOnce(count:_:)`` returned, by thread number.
private final class ThreadResults<Value>: @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock`.
    let lock = NSLock()
    var values: [Int: Value] = [:]
}
