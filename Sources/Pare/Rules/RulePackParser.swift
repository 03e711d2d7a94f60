/// Reads the rule-pack format (documented in `Patterns/README.md`).
///
/// Line-oriented: `KEY VALUE`, with `#` comments and blank lines ignored. Keys before
/// the first `rule` describe the pack; each `rule ID` starts a rule and the keys after
/// it describe that rule. Unknown keys and missing values are errors naming the line,
/// so a typo never silently disables a rule.
struct RulePackParser {
    let file: String

    private struct Draft {
        var id: String
        var location: SourceLocation
        var about = ""
        var action: RuleAction?
        var patterns: [(text: String, line: Int)] = []
        var caseless = true
        var maxWords: Int?
        var urlPatterns: [(text: String, line: Int)] = []
        var tailFraction: Double?
        var endsContent = false
        var examples: [RuleExample] = []
    }

    static let packKeys: Set<String> = ["pack", "about", "rule"]
    static let ruleKeys: Set<String> = [
        "rule", "about", "action", "pattern", "case-sensitive", "max-words", "url", "tail",
        "ends-content", "remove", "becomes", "keep",
    ]

    func parse(_ text: String) throws(RulePackError) -> RulePack {
        var packName: String?
        var packAbout = ""
        var drafts: [Draft] = []
        var lineNumber = 0

        // Split on line-feed bytes (splitting on Characters cost a tenth of start-up);
        // a CR before the LF goes too, so CRLF files work.
        for rawBytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let rawLine = Substring(rawBytes)
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let location = SourceLocation(file: file, line: lineNumber)
            let key = String(trimmed.prefix(while: { $0 != " " && $0 != "\t" }))
            let value = String(trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }))
                .trimmingTrailingWhitespace()

            if drafts.isEmpty && key != "rule" {
                switch key {
                case "pack":
                    guard packName == nil else { throw RulePackError(location, "a pack file has one 'pack' line") }
                    guard Self.isValidIdentifier(value) else {
                        throw RulePackError(location, "pack name '\(value)' must be lower-case letters, digits, '.', '-' or '_'")
                    }
                    packName = value
                case "about":
                    packAbout = value
                default:
                    throw RulePackError(location, "unknown key '\(key)' before the first rule (expected pack, about or rule)")
                }
                continue
            }

            switch key {
            case "rule":
                guard packName != nil else {
                    throw RulePackError(location, "the file must start with a 'pack NAME' line")
                }
                guard Self.isValidIdentifier(value) else {
                    throw RulePackError(location, "rule id '\(value)' must be lower-case letters, digits, '.', '-' or '_'")
                }
                if let previous = drafts.first(where: { $0.id == value }) {
                    throw RulePackError(location, "rule id '\(value)' is already used at line \(previous.location.line)")
                }
                if let last = drafts.last { try validate(last) }
                drafts.append(Draft(id: value, location: location))
            case "about":
                drafts[drafts.count - 1].about = value
            case "action":
                guard let action = RuleAction(rawValue: value) else {
                    let names = RuleAction.allCases.map(\.rawValue).joined(separator: ", ")
                    throw RulePackError(location, "unknown action '\(value)' (expected one of: \(names))")
                }
                drafts[drafts.count - 1].action = action
            case "pattern":
                guard !value.isEmpty else { throw RulePackError(location, "'pattern' needs a value") }
                drafts[drafts.count - 1].patterns.append((value, lineNumber))
            case "case-sensitive":
                guard value.isEmpty else { throw RulePackError(location, "'case-sensitive' takes no value") }
                drafts[drafts.count - 1].caseless = false
            case "max-words":
                guard let n = Int(value), n > 0 else {
                    throw RulePackError(location, "'max-words' needs a positive whole number")
                }
                drafts[drafts.count - 1].maxWords = n
            case "url":
                guard !value.isEmpty else { throw RulePackError(location, "'url' needs a PCRE2 pattern") }
                drafts[drafts.count - 1].urlPatterns.append((value, lineNumber))
            case "tail":
                guard value.hasSuffix("%"), let percent = Double(value.dropLast()), percent > 0, percent <= 100 else {
                    throw RulePackError(location, "'tail' needs a percentage between 1% and 100%, e.g. 'tail 40%'")
                }
                drafts[drafts.count - 1].tailFraction = percent / 100
            case "ends-content":
                guard value.isEmpty else { throw RulePackError(location, "'ends-content' takes no value") }
                drafts[drafts.count - 1].endsContent = true
            case "remove":
                guard !value.isEmpty else { throw RulePackError(location, "'remove' needs an example line") }
                drafts[drafts.count - 1].examples.append(
                    RuleExample(text: value, expectation: .removed(becomes: nil), location: location))
            case "becomes":
                guard let last = drafts[drafts.count - 1].examples.last,
                      last.expectation == .removed(becomes: nil) else {
                    throw RulePackError(location, "'becomes' must follow a 'remove' example")
                }
                drafts[drafts.count - 1].examples[drafts[drafts.count - 1].examples.count - 1] =
                    RuleExample(text: last.text, expectation: .removed(becomes: value), location: last.location)
            case "keep":
                guard !value.isEmpty else { throw RulePackError(location, "'keep' needs an example line") }
                drafts[drafts.count - 1].examples.append(
                    RuleExample(text: value, expectation: .kept, location: location))
            case "pack":
                throw RulePackError(location, "'pack' must come before the first rule")
            default:
                throw RulePackError(location, "unknown key '\(key)' (expected one of: \(Self.ruleKeys.sorted().joined(separator: ", ")))")
            }
        }

        guard let packName else {
            throw RulePackError(SourceLocation(file: file, line: max(lineNumber, 1)), "no 'pack NAME' line")
        }
        if let last = drafts.last { try validate(last) }
        let rules = try drafts.map { (draft) throws(RulePackError) in try compile(draft, pack: packName) }
        return RulePack(name: packName, about: packAbout, file: file, rules: rules)
    }

    private func validate(_ draft: Draft) throws(RulePackError) {
        guard let action = draft.action else {
            throw RulePackError(draft.location, "rule '\(draft.id)' has no 'action'")
        }
        guard !draft.patterns.isEmpty else {
            throw RulePackError(draft.location, "rule '\(draft.id)' has no 'pattern'")
        }
        if draft.tailFraction != nil && action != .cutTail {
            throw RulePackError(draft.location, "rule '\(draft.id)': 'tail' applies to cut-tail rules only")
        }
        if draft.endsContent && action != .dropLine {
            throw RulePackError(draft.location, "rule '\(draft.id)': 'ends-content' applies to drop-line rules only")
        }
        if action != .dropSpan, let example = draft.examples.first(where: {
            if case .removed(becomes: .some) = $0.expectation { return true } else { return false }
        }) {
            throw RulePackError(example.location, "rule '\(draft.id)': 'becomes' applies to drop-span rules only")
        }
        guard draft.examples.contains(where: { $0.expectation != .kept }),
              draft.examples.contains(where: { $0.expectation == .kept }) else {
            throw RulePackError(draft.location, "rule '\(draft.id)' needs at least one 'remove' and one 'keep' example")
        }
    }

    private func compile(_ draft: Draft, pack: String) throws(RulePackError) -> Rule {
        let options = PatternOptions(caseless: draft.caseless)
        var compiled: [CompiledPattern] = []
        for pattern in draft.patterns {
            do {
                compiled.append(try CompiledPattern(pattern.text, options: options))
            } catch {
                throw RulePackError(SourceLocation(file: file, line: pattern.line),
                                    "rule '\(draft.id)': pattern does not compile: \(error.message) at offset \(error.offset)")
            }
        }
        var compiledURLs: [CompiledPattern] = []
        for pattern in draft.urlPatterns {
            do {
                // URLs are matched without regard to case: hosts are case-insensitive
                // and paths are mostly written in lower case anyway.
                compiledURLs.append(try CompiledPattern(pattern.text, options: PatternOptions(caseless: true)))
            } catch {
                throw RulePackError(SourceLocation(file: file, line: pattern.line),
                                    "rule '\(draft.id)': url pattern does not compile: \(error.message) at offset \(error.offset)")
            }
        }
        return Rule(id: draft.id, pack: pack, about: draft.about, action: draft.action!,
                    patterns: draft.patterns.map(\.text), options: options, maxWords: draft.maxWords,
                    urlPatterns: draft.urlPatterns.map(\.text), compiledURLPatterns: compiledURLs,
                    tailFraction: draft.tailFraction ?? Rule.defaultTailFraction, endsContent: draft.endsContent,
                    examples: draft.examples, location: draft.location, compiled: compiled)
    }

    static func isValidIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, (first >= 0x61 && first <= 0x7A) || (first >= 0x30 && first <= 0x39) else {
            return false
        }
        return s.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x5F
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
