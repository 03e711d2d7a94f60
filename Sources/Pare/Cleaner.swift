/// Removes boilerplate (ads, "Read next" links, comment widgets, footer promos, share
/// bars, cookie notices, menus) from the text of a scraped web page.
///
/// Build one `Cleaner` and share it: it is immutable, `Sendable` and safe to call from
/// many threads at once. Patterns are compiled when it is created, so a bad one is
/// reported then; each is JIT-compiled the first time a page needs it.
///
/// ```swift
/// import Pare
///
/// let cleaner = try Cleaner()              // the default rule packs
/// let article = cleaner.clean(scrapedText)
///
/// let result = cleaner.cleanWithReport(scrapedText)
/// for removal in result.removals {
///     print(removal.lineNumber, removal.ruleID, removal.text)
/// }
/// ```
public final class Cleaner: Sendable {
    /// The rules in force, in the order they are applied.
    public let rules: [Rule]
    /// The limits every match runs under.
    public let limits: MatchLimits
    private let pipeline: Pipeline
    /// The stages before the heuristics (normalise, rules, tail cut): what the line
    /// classifier's features are computed after.
    private let rulePipeline: Pipeline

    /// Creates a cleaner.
    ///
    /// - Parameters:
    ///   - packs: rule packs to use; defaults to the packs built into Pare.
    ///   - extraRules: more rules, applied after the packs' (e.g. a user's `-e`).
    ///   - disabled: rule ids or pack names to leave out.
    ///   - heuristic: what removes the boilerplate rules do not name (menus, link
    ///     lists); ``Heuristic/adaptive(_:weakPages:)`` unless told otherwise.
    ///   - removesRepeatedLines: with a heuristic, also remove a line of eight words or
    ///     more that repeats a kept line above it word for word (the first stays). No
    ///     effect with ``Heuristic/none``, which is rules only.
    ///   - limits: PCRE2 limits for every match.
    /// - Throws: ``CleanerError/unknownRuleOrPack(_:)`` when `disabled` names nothing
    ///   that exists, or ``RulePackError`` if the default packs fail to load.
    public init(packs: [RulePack]? = nil, extraRules: [Rule] = [], disabled: Set<String> = [],
                heuristic: Heuristic = .adaptive(), removesRepeatedLines: Bool = true,
                limits: MatchLimits = .default) throws {
        let packs = try packs ?? RulePack.defaults()
        let all = packs.flatMap(\.rules) + extraRules
        let known = Set(all.map(\.id)).union(packs.map(\.name)).union(extraRules.map(\.pack))
        if let unknown = disabled.sorted().first(where: { !known.contains($0) }) {
            throw CleanerError.unknownRuleOrPack(unknown)
        }
        var seen: [String: Rule] = [:]
        for rule in all {
            if let first = seen[rule.id] {
                throw CleanerError.duplicateRuleID(rule.id, first.location, rule.location)
            }
            seen[rule.id] = rule
        }
        let rules = all.filter { !disabled.contains($0.id) && !disabled.contains($0.pack) }
        self.rules = rules
        self.hasURLScopedRules = rules.contains(where: \.isURLScoped)
        self.limits = limits
        let ruleStages: [any Stage] = [NormalizeStage(), LineRuleStage(rules: rules), TailCutStage(rules: rules)]
        // The tail cut (position 2) and the heuristic after it judge lines by the
        // whole page; they settle together (see ``Pipeline``).
        self.rulePipeline = Pipeline(stages: ruleStages, settlingStages: 2..<3)
        var stages = ruleStages
        if heuristic.usesContentRegion {
            // Once, before the tail cut: a line's shape does not depend on the page.
            // It reads the word counts the content region reads after it; the line
            // classifier, which does not, has features for such lines of its own.
            stages.insert(GluedLinkRowStage(stopwords: .defaults), at: 2)
        }
        if heuristic.usesContentRegion, removesRepeatedLines {
            // Once, before the tail cut: removing lines never makes two kept lines
            // alike, so no copy is left, on this page or on its cleaned output. (The
            // line classifier removes copies itself, from the hashes it has anyway.)
            stages.insert(RepeatedLineStage(stopwords: .defaults), at: 2)
        }
        let tailCut = stages.count - 1
        switch heuristic {
        case .lineClassifier(let options):
            stages.append(LineClassifierStage(options: options, removesRepeatedLines: removesRepeatedLines))
        case .contentRegion(let options):
            stages.append(ContentRegionStage(options: options, stopwords: .defaults))
        case .adaptive(let options, let weakPages):
            // The repeated-line stage above has left no copy for the classifier to
            // find on the pages it takes (and with the flag off, none may go).
            stages.append(AdaptiveStage(region: options, weakPages: weakPages, removesRepeatedLines: false))
        case .none:
            break
        }
        // Reads the heuristic's verdicts, so it settles with it (see the stage).
        let markerRules = rules.filter { $0.endsContent && $0.action == .dropLine }.map(\.id)
        if let options = heuristic.contentRegionOptions,
           options.closingChromeMaximumTail > 0 || options.closingChromeMaximumRunningTextTail > 0, !markerRules.isEmpty {
            stages.append(ClosingChromeStage(markerRules: markerRules, options: options, stopwords: .defaults))
        }
        let settling = tailCut..<stages.count
        stages.append(TidyStage())
        self.pipeline = Pipeline(stages: stages, settlingStages: settling)
    }

    /// Whether some rule applies only to pages at certain URLs, so that callers know
    /// whether looking up each page's URL is worth it.
    public let hasURLScopedRules: Bool

    /// Cleans one page of text.
    ///
    /// - Parameters:
    ///   - text: the page's text.
    ///   - url: the page's URL, if known: rules scoped to URLs apply only when it matches.
    public func clean(_ text: String, url: String? = nil) -> String {
        String(decoding: clean(bytes: Array(text.utf8), url: url.map { Array($0.utf8) }), as: UTF8.self)
    }

    /// Cleans one page given as UTF-8 bytes. Invalid UTF-8 is kept byte for byte
    /// wherever it is not removed.
    public func clean(bytes: [UInt8], url: [UInt8]? = nil) -> [UInt8] {
        var document = Document(bytes: bytes, url: url)
        pipeline.run(&document, scratch: ThreadScratch.current(limits: limits))
        return document.renderedBytes()
    }

    /// Cleans one page given as bytes and adds, per rule id, the lines where a PCRE2
    /// limit kept a pattern from deciding (those lines were kept) to `limitHits`.
    public func clean(bytes: [UInt8], limitHits: inout [String: Int]) -> [UInt8] {
        var document = Document(bytes: bytes)
        pipeline.run(&document, scratch: ThreadScratch.current(limits: limits))
        limitHits.merge(document.limitHits, uniquingKeysWith: +)
        return document.renderedBytes()
    }

    /// Cleans one page given as bytes and adds what went in, what came out and what
    /// each rule and stage removed to `statistics`.
    ///
    /// - Parameters:
    ///   - bytes: the page's text.
    ///   - url: the page's URL, if known: rules scoped to URLs (``Rule/urlPatterns``)
    ///     apply only when it matches.
    ///   - statistics: totals to add this page to.
    public func clean(bytes: [UInt8], url: [UInt8]? = nil, statistics: inout CleaningStatistics) -> [UInt8] {
        var document = Document(bytes: bytes, url: url)
        pipeline.run(&document, scratch: ThreadScratch.current(limits: limits))
        let cleaned = document.renderedBytes()
        statistics.add(document, inputBytes: bytes.count, outputBytes: cleaned.count)
        return cleaned
    }

    /// The line classifier's view of one page, for checking the Swift features against
    /// the Python code the model was trained with: after the rule stages, one row per
    /// unit (line with a word) of the page as the model sees it, holding the 122
    /// features in the model's order followed by the probability of "content".
    public func lineClassifierRows(bytes: [UInt8]) -> [[Double]] {
        var document = Document(bytes: bytes)
        rulePipeline.run(&document, scratch: ThreadScratch.current(limits: limits))
        return LineClassifierStage().rows(for: document)
    }

    /// Cleans one page and reports every removal, for explaining and auditing.
    public func cleanWithReport(_ text: String, url: String? = nil) -> CleaningResult {
        cleanWithReport(bytes: Array(text.utf8), url: url.map { Array($0.utf8) })
    }

    /// Cleans one page given as bytes and reports every removal.
    public func cleanWithReport(bytes: [UInt8], url: [UInt8]? = nil) -> CleaningResult {
        var document = Document(bytes: bytes, url: url)
        document.explains = true
        pipeline.run(&document, scratch: ThreadScratch.current(limits: limits))
        let lines = document.lines.map { String(decoding: document.bytes[$0.start..<$0.end], as: UTF8.self) }
        return CleaningResult(bytes: document.renderedBytes(), removals: document.publicRemovals(),
                              limitHits: document.limitHits, reachedSettlingCap: document.reachedSettlingCap,
                              inputLines: lines)
    }
}

/// Why a ``Cleaner`` could not be built.
public enum CleanerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `disabled` named a rule id or pack that does not exist.
    case unknownRuleOrPack(String)
    /// Two rules share an id (ids must be unique across all packs).
    case duplicateRuleID(String, SourceLocation, SourceLocation)

    public var description: String {
        switch self {
        case .unknownRuleOrPack(let name):
            return "no rule or pack named '\(name)' (see 'pare rules list')"
        case .duplicateRuleID(let id, let first, let second):
            return "\(second): rule id '\(id)' is already used at \(first)"
        }
    }
}
