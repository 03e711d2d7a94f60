/// The compact, internal record of one removal; ``Removal`` is its public view.
struct RemovalRecord: Sendable {
    let ruleID: String
    let stage: String
    /// 0-based line index.
    let line: Int
    /// Absolute byte offsets of a removed span, or nil when the whole line went.
    let span: Range<Int>?
    var detail: RemovalDetail = .none
}

/// The deciding feature of a removal, kept as numbers on the hot path and put into
/// words only when someone asks (``Removal/detail``).
enum RemovalDetail: Sendable {
    case none
    /// A cut-tail rule matched at `startLine` (0-based), which begins the last
    /// `tailShare` of the kept text.
    case tailCut(startLine: Int, tailShare: Double)
    /// One of `length` consecutive menu-like lines outside the main region.
    case menuRun(length: Int, region: ClosedRange<Int>)
    /// A line of `words` words standing alone outside the main region.
    case strayLine(words: Int, region: ClosedRange<Int>)
    /// One of `length` lines in a row without prose (or, when `runningTextOnly`,
    /// without running text) above (or `below`) the main region, on a page whose
    /// region holds `regionShare` of its words.
    case trimmedRun(length: Int, below: Bool, regionShare: Double, region: ClosedRange<Int>,
                    runningTextOnly: Bool = false)
    /// One of `length` lines in a row without running text after the last paragraph
    /// of the region's `core`, whose running text holds `coreShare` of the region's prose.
    case teaserRun(length: Int, core: ClosedRange<Int>, coreShare: Double)
    /// A line the learned classifier scored below its keep threshold; with a report,
    /// the features that lowered its score the most (``ScoreAttribution``). Under the
    /// adaptive heuristic, `weakRegion` says why the page went to the classifier: the
    /// share of the page's words that the region's prose holds, and the minimum.
    case classifier(probability: Double, threshold: Double, against: [ClassifierReason] = [],
                    weakRegion: (share: Double, minimum: Double)? = nil)
    /// A line holding the same words as the kept line `of` (0-based) above it.
    case repeatedLine(of: Int)
    /// A row of link labels run together (``GluedLinkRowStage``): `joins` capitals
    /// glued to the word before them, for `spaces` spaces.
    case gluedLinks(joins: Int, spaces: Int)
    /// Kept below line `markerLine` (0-based), which the `ends-content` rule
    /// `markerRule` removed and which starts the last `tailShare` of the kept words
    /// and the last `runningTextShare` of their running text (``ClosingChromeStage``;
    /// either share within its bound lets the chrome cut).
    case afterClosingChrome(markerLine: Int, markerRule: String, tailShare: Double, runningTextShare: Double)

    /// Words for `--explain`; line numbers 1-based.
    var text: String? {
        switch self {
        case .none:
            return nil
        case .tailCut(let start, let share):
            return "cut from line \(start + 1) to the end; that line starts the last \(Int((share * 100).rounded()))% of the text"
        case .menuRun(let length, let region):
            return "one of \(length) menu-like lines in a row, outside the main text (lines \(region.lowerBound + 1)–\(region.upperBound + 1))"
        case .strayLine(let words, let region):
            return "\(words)-word line outside the main text (lines \(region.lowerBound + 1)–\(region.upperBound + 1))"
        case .trimmedRun(let length, let below, let share, let region, let runningTextOnly):
            // Rounded down, so that a share just below the minimum never prints as it.
            return "one of \(length) lines without \(runningTextOnly ? "running text" : "prose") in a row \(below ? "below" : "above") the main text (lines "
                + "\(region.lowerBound + 1)–\(region.upperBound + 1)), which holds \(Int((share * 100).rounded(.down)))% of the page's words"
        case .teaserRun(let length, let core, let share):
            return "one of \(length) lines in a row without running text after the main text's last paragraph (lines "
                + "\(core.lowerBound + 1)–\(core.upperBound + 1) hold \(Int((share * 100).rounded(.down)))% of its prose)"
        case .classifier(let probability, let threshold, let against, let weakRegion):
            // Rounded down, so that a probability just below the threshold does not
            // print as equal to it ("0.225 < 0.225").
            let shown = Self.threeDecimals((probability * 1000).rounded(.down) / 1000)
            var verdict = "classifier: p(content) \(shown) < \(Self.threeDecimals(threshold))"
            if let weakRegion {
                // Rounded down too: a share just below the minimum never prints as it.
                let share = Int((weakRegion.share * 100).rounded(.down))
                verdict = "classifier, as the main text is \(share)% of the page's words (under "
                    + "\(Int((weakRegion.minimum * 100).rounded()))%): p(content) \(shown) < \(Self.threeDecimals(threshold))"
            }
            guard !against.isEmpty else { return verdict }
            let reasons = against.map { "\($0.feature) = \(Self.number($0.value)) (\(Self.number($0.amount)))" }
            return verdict + "; most against: " + reasons.joined(separator: ", ")
        case .repeatedLine(let first):
            return "repeats line \(first + 1) word for word"
        case .gluedLinks(let joins, let spaces):
            return "links run together: \(joins) capitals glued to the word before them, \(spaces) spaces"
        case .afterClosingChrome(let marker, let rule, let share, let runningTextShare):
            // Rounded up, so that a share just above a bound never prints as it.
            return "below line \(marker + 1) (\(rule)), closing chrome in the last "
                + "\(Int((share * 100).rounded(.up)))% of the kept words and the last "
                + "\(Int((runningTextShare * 100).rounded(.up)))% of their running text"
        }
    }
}

/// A feature that lowered the classifier's score of a removed line: its name (as in
/// ``LineFeatures/names``), the line's value of it, and its share of the score.
struct ClassifierReason: Sendable {
    let feature: String
    let value: Double
    let amount: Double
}

extension RemovalDetail {
    /// "0.081" for 0.0812: three decimals (thresholds such as 0.225 need them) without
    /// Foundation's formatting.
    static func threeDecimals(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// "3" for a whole number, "-0.412" otherwise: feature values are mostly counts
    /// and flags.
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return (value < 0 ? "-" : "") + threeDecimals(abs(value))
    }
}

/// One thing Pare removed, and why: the explanation behind `--explain`.
public struct Removal: Sendable, Equatable {
    /// The rule (or heuristic) that decided, e.g. `read-next.label`.
    public let ruleID: String
    /// The pipeline stage that acted, e.g. `line-rules`, `tail-cut`, `tidy`.
    public let stage: String
    /// 1-based line number in the normalised input.
    public let lineNumber: Int
    /// Byte offsets within the line of a removed span, or nil when the whole line
    /// was removed.
    public let span: Range<Int>?
    /// The removed text (invalid UTF-8 shown with U+FFFD).
    public let text: String
    /// For heuristic and tail-cut removals, the deciding feature in words, e.g. "one of
    /// 7 menu-like lines in a row, outside the main text (lines 12–80)"; nil for a rule
    /// whose id says it all.
    public let detail: String?

    public init(ruleID: String, stage: String, lineNumber: Int, span: Range<Int>?, text: String, detail: String? = nil) {
        self.ruleID = ruleID
        self.stage = stage
        self.lineNumber = lineNumber
        self.span = span
        self.text = text
        self.detail = detail
    }
}
