import Testing
import PareTestSupport
@testable import Pare

/// The scanner must never say "no" where PCRE2 finds a literal: a false "no" would
/// skip a rule that matches.
@Suite("Literal scanner")
struct LiteralScannerTests {
    let scratch = MatchScratch(limits: .default)

    /// The literals of every prefiltered drop-line pattern of the default packs, by
    /// options (``LineRuleStage`` scans those of the most common options).
    static let defaultLiterals: [(options: PatternOptions, literals: [[Unicode.Scalar]])] = {
        var byOptions: [(options: PatternOptions, literals: Set<[Unicode.Scalar]>)] = []
        let rules = (try? RulePack.defaults().flatMap(\.rules)) ?? []
        for rule in rules {
            for (pattern, literals) in zip(rule.matcher.patterns, rule.matcher.prefilterLiterals) {
                guard let literals else { continue }
                if let k = byOptions.firstIndex(where: { $0.options == pattern.options }) {
                    byOptions[k].literals.formUnion(literals)
                } else {
                    byOptions.append((pattern.options, Set(literals)))
                }
            }
        }
        return byOptions.map { ($0.options, $0.literals.sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }) }
    }()

    /// Whether PCRE2 finds one of `literals` in `line`, as the alternation the scanner
    /// stands in for.
    private func pcre2Finds(_ pattern: CompiledPattern, in line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) != .noMatch }
    }

    private func scans(_ scanner: LiteralScanner, _ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { scanner.mayContain($0) }
    }

    private static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test func theDefaultPacksHavePrefilteredLiterals() throws {
        let caseless = try #require(Self.defaultLiterals.first { $0.options.caseless })
        #expect(caseless.literals.count >= 5)
        // Non-ASCII literals with and without case are among them.
        #expect(caseless.literals.contains(Self.scalars("©")))
        #expect(caseless.literals.contains { literal in literal.contains { !$0.isASCII && $0.properties.changesWhenCaseMapped } })
    }

    @Test func findsLiteralsInAnyCaseAndPlace() throws {
        let literals = ["reserved", "réservés", "защищены", "|", "©", "•", "brought", "kit"].map(Self.scalars)
        let scanner = try #require(LiteralScanner(literals: literals, options: PatternOptions()))
        let found = ["reserved", "All Rights RESERVED.", "ReSeRvEd", "re\u{17F}erved", "RE\u{17F}ERVED",
                     "Réservés", "RÉSERVÉS", "tous droits réservés", "ЗАЩИЩЕНЫ", "Все права защищены",
                     "|", "a|", "|a", "a | b", "©", "© 2024", "x©", "•", "a • b", "BROUGHT", "brought to you",
                     "KIT", "\u{212A}it", "\u{212A}IT", "rÉservÉs"]
        for line in found {
            #expect(scans(scanner, Array(line.utf8)), "\(line)")
        }
        let notFound = ["", " ", "served", "conservative", "observed", "reserve", "’quoted’ — dash",
                        "защищен", "brough", "ki", "r\u{80}eserved"]
        for line in notFound {
            #expect(!scans(scanner, Array(line.utf8)), "\(line)")
        }
    }

    @Test func withoutCaselessMatchesBytesAsWritten() throws {
        let scanner = try #require(LiteralScanner(literals: [Self.scalars("Reserved"), Self.scalars("é")],
                                                  options: PatternOptions(caseless: false)))
        #expect(scans(scanner, Array("All Reserved".utf8)))
        #expect(!scans(scanner, Array("all reserved".utf8)))
        #expect(scans(scanner, Array("café".utf8)))
        #expect(!scans(scanner, Array("CAFÉ".utf8)))
    }

    @Test func anEmptyLiteralGivesNoScanner() {
        #expect(LiteralScanner(literals: [[]], options: PatternOptions()) == nil)
    }

    /// Every non-ASCII scalar as UTF-8, one after another.
    private static let allNonASCII: [UInt8] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4_400_000)
        for value in UInt32(0x80)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            if value < 0x800 {
                bytes += [UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F)]
            } else if value < 0x10000 {
                bytes += [UInt8(0xE0 | value >> 12), UInt8(0x80 | value >> 6 & 0x3F), UInt8(0x80 | value & 0x3F)]
            } else {
                bytes += [UInt8(0xF0 | value >> 18), UInt8(0x80 | value >> 12 & 0x3F),
                          UInt8(0x80 | value >> 6 & 0x3F), UInt8(0x80 | value & 0x3F)]
            }
        }
        return bytes
    }()

    /// What `pattern` matches in ``allNonASCII``, as text.
    private func nonASCIIMatches(of pattern: String) throws -> [String] {
        let compiled = try CompiledPattern(pattern)
        var found: [String] = []
        Self.allNonASCII.withUnsafeBufferPointer { subject in
            var from = 0
            while case .match(let range) = compiled.firstMatch(in: subject, from: from, scratch: scratch) {
                found.append(String(decoding: subject[range], as: UTF8.self))
                from = range.upperBound
            }
        }
        return found
    }

    /// The scanner's ASCII letters admit the Kelvin sign and the long s and no other
    /// non-ASCII character; PCRE2 must agree.
    @Test func asciiLettersPairWithNoOtherNonASCIICharacter() throws {
        var signs: [String] = []
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            let matches = try nonASCIIMatches(of: String(UnicodeScalar(letter)))
            let expected = LiteralScanner.sign(ofASCIILetter: letter).map { [String(decoding: $0, as: UTF8.self)] } ?? []
            #expect(matches == expected, "\(UnicodeScalar(letter))")
            signs += matches
        }
        #expect(signs.count == 2)
        for sign in signs {
            let scalar = try #require(sign.unicodeScalars.first)
            #expect(LiteralScanner.asciiLetter(ofSign: scalar) != nil)
        }
    }

    /// The scanner matches a non-ASCII character without case by its own bytes; PCRE2
    /// must match it caselessly with nothing else. (For the default packs' literals.)
    @Test func uncasedLiteralCharactersMatchOnlyThemselves() throws {
        let characters = Set(Self.defaultLiterals.flatMap { $0.literals.joined() }).filter {
            !$0.isASCII && !$0.properties.changesWhenCaseMapped && !$0.properties.changesWhenCaseFolded
        }
        #expect(!characters.isEmpty)
        for character in characters {
            #expect(try nonASCIIMatches(of: "\\x{\(String(character.value, radix: 16))}") == [String(character)])
        }
    }

    /// Lines made of the literals (in mixed case, with their rare variants, cut short,
    /// at the start and the end), words, non-ASCII text and invalid bytes: wherever
    /// PCRE2 finds a literal, the scanner says yes.
    @Test(arguments: [PatternOptions(caseless: true), PatternOptions(caseless: false)])
    func neverMissesWhatPCRE2Finds(options: PatternOptions) throws {
        // The default packs' literals and some more (digits, k, non-ASCII first).
        let extra = ["kit", "ſtop", "Élan", "日本語", "ὈΔΥΣΣΕΎΣ", "a1-b"].map(Self.scalars)
        let literals = (Self.defaultLiterals.first { $0.options == options }?.literals ?? []) + extra
        let scanner = try #require(LiteralScanner(literals: literals, options: options))
        let pattern = try #require(RuleMatcher.alternation(of: literals, options: options))
        let words = ["the", "served", "conservative", "rights", "all", "to", "you", "by", "serve", "rv", "ug",
                     "é", "É", "ß", "’", "—", "“", "日本", "🙂", "Ω", "ſ", "\u{212A}", "ı", "İ", "ǅ", "ς", "Σ"]
        var random = SplitMix64(seed: 0x5CA7)
        var pcre2Found = 0, scannerRefused = 0
        for _ in 0..<6_000 {
            var line: [UInt8] = []
            for _ in 0..<random.below(7) {
                switch random.below(6) {
                case 0, 1:
                    let literal = literals[random.below(literals.count)]
                    var scalars = literal.map { Self.variant(of: $0, random: &random) }
                    if random.below(4) == 0 {
                        // Cut short, at either end.
                        let keep = random.below(scalars.count + 1)
                        scalars = random.below(2) == 0 ? Array(scalars.prefix(keep)) : Array(scalars.suffix(keep))
                    }
                    line += Array(String(String.UnicodeScalarView(scalars)).utf8)
                case 2:
                    line += Array(words[random.below(words.count)].utf8)
                case 3:
                    line += [0x20]
                case 4:
                    // Stray, truncated or invalid UTF-8.
                    line += [[0x80], [0xFF], [0xC3], [0xE2, 0x80], [0xC5], [0xBF]][random.below(6)]
                default:
                    line += random.bytes(random.below(4))
                }
            }
            let found = pcre2Finds(pattern, in: line)
            let scanned = scans(scanner, line)
            if found {
                pcre2Found += 1
                #expect(scanned, "\(line) (\(String(decoding: line, as: UTF8.self)))")
            }
            if !scanned { scannerRefused += 1 }
        }
        // Both answers occur often: the test means something, and the scanner is a filter.
        #expect(pcre2Found > 1_000)
        #expect(scannerRefused > 1_000)
    }

    /// `scalar` or another form PCRE2 may match caselessly (or not).
    private static func variant(of scalar: Unicode.Scalar, random: inout SplitMix64) -> Unicode.Scalar {
        switch random.below(4) {
        case 0:
            return scalar.properties.uppercaseMapping.unicodeScalars.count == 1
                ? scalar.properties.uppercaseMapping.unicodeScalars.first! : scalar
        case 1:
            return scalar.properties.lowercaseMapping.unicodeScalars.count == 1
                ? scalar.properties.lowercaseMapping.unicodeScalars.first! : scalar
        case 2:
            switch scalar {
            case "s", "S": return "\u{17F}"
            case "k", "K": return "\u{212A}"
            case "σ", "Σ": return "ς"
            default: return scalar
            }
        default:
            return scalar
        }
    }
}
