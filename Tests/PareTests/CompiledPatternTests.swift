import Testing
@testable import Pare

@Suite("PCRE2 patterns")
struct CompiledPatternTests {
    let scratch = MatchScratch(limits: .default)

    private func match(_ pattern: String, _ subject: [UInt8], caseless: Bool = true) throws -> MatchOutcome {
        let compiled = try CompiledPattern(pattern, options: PatternOptions(caseless: caseless))
        return subject.withUnsafeBufferPointer { compiled.firstMatch(in: $0, scratch: scratch) }
    }

    @Test func reportsByteOffsetsOfTheMatch() throws {
        #expect(try match("\\bad\\b", Array("read ad now".utf8)) == .match(5..<7))
        #expect(try match("^ad$", Array("read ad now".utf8)) == .noMatch)
    }

    @Test func isCaseInsensitiveByDefaultWithUnicodeFolding() throws {
        #expect(try match("^реклама$", Array("РЕКЛАМА".utf8)) != .noMatch)
        #expect(try match("^Anzeige$", Array("ANZEIGE".utf8), caseless: false) == .noMatch)
    }

    @Test func wordClassesAreUnicodeAware() throws {
        #expect(try match("^\\w+$", Array("Kommentäre".utf8)) == .match(0..<11))
    }

    @Test func compileErrorCarriesPCRE2MessageAndOffset() {
        #expect(throws: PatternError.self) { try CompiledPattern("(unclosed") }
        do {
            _ = try CompiledPattern("(unclosed")
        } catch {
            #expect(error.message.contains("missing closing parenthesis"))
            #expect(error.offset == 9)
        }
    }

    @Test func invalidUTF8SubjectNeverCrashesAndStillMatchesValidParts() throws {
        let subject: [UInt8] = [0xFF, 0xFE] + Array(" Advertisement ".utf8) + [0xC3]
        #expect(try match("advertisement", subject) == .match(3..<16))
        #expect(try match("^.+$", [0xFF, 0xC0, 0x80]) == .noMatch)
    }

    @Test func emptySubjectIsMatchable() throws {
        #expect(try match("^$", []) == .match(0..<0))
        #expect(try match("x", []) == .noMatch)
    }

    @Test func catastrophicBacktrackingHitsTheLimitInsteadOfHanging() throws {
        let subject = Array((String(repeating: "a", count: 40) + "b").utf8)
        #expect(try match("^(a+)+$", subject) == .limitExceeded)
    }

    @Test func patternsAreJITCompiledOnFirstUseWhenAvailable() throws {
        let pattern = try CompiledPattern("^foo")
        #expect(!pattern.isJITCompiled)
        _ = Array("foo".utf8).withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
        // Debian's libpcre2 is built with JIT on x86_64 and arm64.
        #expect(pattern.isJITCompiled)
    }
}
