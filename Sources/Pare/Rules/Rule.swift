/// What a rule does to the text it matches.
public enum RuleAction: String, Sendable, CaseIterable {
    /// Remove every line the pattern matches.
    case dropLine = "drop-line"
    /// Remove the matched spans inside a line; the line goes too if nothing but
    /// white space is left.
    case dropSpan = "drop-span"
    /// Remove the matched line and everything after it, but only when the line lies in
    /// the document's tail (see ``Rule/tailFraction``), so that an early "Comments"
    /// heading cannot eat an article.
    case cutTail = "cut-tail"
}

/// Where something was written: a rule-pack file and a 1-based line number.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A sample line a rule must remove or must keep; the tests run every one.
public struct RuleExample: Sendable, Equatable {
    public enum Expectation: Sendable, Equatable {
        /// The rule must act on the line. For ``RuleAction/dropSpan`` rules, `becomes`
        /// (when given) is the exact line that must remain.
        case removed(becomes: String?)
        /// The rule must leave the line alone.
        case kept
    }

    public let text: String
    public let expectation: Expectation
    public let location: SourceLocation
}

/// One boilerplate rule: an id, an action, one or more PCRE2 patterns (alternatives),
/// conditions, and examples.
///
/// Rules are written in rule-pack files (see `Patterns/README.md`) and compiled once;
/// a `Rule` is immutable and safe to share between threads.
public struct Rule: Sendable {
    /// Stable identifier, e.g. `read-next.label`; used by `--disable`, `--explain`
    /// and the statistics.
    public let id: String
    /// Name of the pack the rule belongs to.
    public let pack: String
    /// One sentence saying what the rule removes and why.
    public let about: String
    public let action: RuleAction
    /// The patterns as written; the rule matches where any of them does.
    public let patterns: [String]
    public let options: PatternOptions
    /// The rule only applies to lines of at most this many words, if set.
    public let maxWords: Int?
    /// The rule only applies to documents whose URL matches one of these patterns
    /// (PCRE2, case-insensitive), if any are given; a document without a URL is then
    /// left alone by the rule.
    public let urlPatterns: [String]
    /// For ``RuleAction/cutTail``: the matched line must start within this trailing
    /// share of the document's remaining text (0.5 = the second half).
    public internal(set) var tailFraction: Double
    /// For ``RuleAction/dropLine``: a line this rule removes is the site's closing
    /// chrome (a share bar, a tag list, a comment form, a newsletter box), so the main
    /// content ends above it. With a content-region heuristic, such a line near the end
    /// of the kept text cuts off what is still kept below it (``ClosingChromeStage``).
    public let endsContent: Bool
    public let examples: [RuleExample]
    /// Where the rule's `rule` line is.
    public let location: SourceLocation

    /// The compiled patterns and conditions, as the stages use them per line.
    let matcher: RuleMatcher

    /// Default ``tailFraction`` for cut-tail rules: a cut may start no earlier than the
    /// middle of the text that is left, so it can never remove most of a document.
    public static let defaultTailFraction = 0.5

    init(id: String, pack: String, about: String, action: RuleAction, patterns: [String],
         options: PatternOptions, maxWords: Int?, urlPatterns: [String] = [],
         compiledURLPatterns: [CompiledPattern] = [], tailFraction: Double, endsContent: Bool = false,
         examples: [RuleExample], location: SourceLocation, compiled: [CompiledPattern]) {
        self.id = id
        self.pack = pack
        self.about = about
        self.action = action
        self.patterns = patterns
        self.options = options
        self.maxWords = maxWords
        self.urlPatterns = urlPatterns
        self.tailFraction = tailFraction
        self.endsContent = endsContent
        self.examples = examples
        self.location = location
        self.matcher = RuleMatcher(id: id, patterns: compiled, maxWords: maxWords, urlPatterns: compiledURLPatterns)
    }

    /// Compiles a single-pattern rule in code, e.g. for a user's `-e PATTERN`.
    ///
    /// - Throws: ``PatternError`` if PCRE2 rejects the pattern.
    public init(id: String, pack: String = "user", action: RuleAction = .dropLine,
                pattern: String, options: PatternOptions = PatternOptions(),
                maxWords: Int? = nil, tailFraction: Double = Rule.defaultTailFraction,
                about: String = "") throws(PatternError) {
        let compiled = try CompiledPattern(pattern, options: options)
        self.init(id: id, pack: pack, about: about, action: action, patterns: [pattern],
                  options: options, maxWords: maxWords, tailFraction: tailFraction,
                  examples: [], location: SourceLocation(file: "<command line>", line: 0),
                  compiled: [compiled])
    }
}
