/// Finds where the prose lives and removes menus and link lists around it, from the
/// text alone.
///
/// 1. Each kept line is scored: prose (enough words, enough stop words) scores its
///    word count; any other non-blank line costs a penalty.
/// 2. The main region is the run of lines with the highest total score (a maximum
///    subarray, as in Finn et al.'s Body Text Extraction), so it starts and ends on
///    prose and takes in the headings, captions and lists between paragraphs.
/// 3. Outside it, only menu-like lines go: runs of short or bulleted lines, and very
///    short lines. Prose and longer lines outside the region stay (a second block of
///    content, a product description further down), and so does a run with prices in
///    it (a grid of products).
/// 4. Lines of symbols only (icons, image links) outside the region go.
/// 5. The line just above the region (usually the title) stays unless it is a list
///    item.
/// 6. On a page whose region holds most of its words (an article), runs of lines
///    without prose above and below the region go, whatever their length: the site's
///    header, and the teasers and footer after the text
///    (``ContentRegionOptions/headTrimRunLength``, ``ContentRegionOptions/tailTrimRunLength``).
///
///    On a page whose region holds even more of it, only running text (a line that
///    ends like a sentence, or a long one) breaks a run above the region
///    (``ContentRegionOptions/headTrimRunningTextShare``). Below, when the region's
///    core (its best run of lines with only running text as prose) ends before the
///    region and holds most of its prose, the tail starts after the core, and up to
///    the region's end only running text breaks a run
///    (``ContentRegionOptions/teaserTrimMinimumCoreShare``): the headlines of other
///    articles that the region took in go.
///
/// A page without prose (no region) is left alone, and one whose region holds little of
/// its text gets the conservative thresholds: better a stray menu than a lost product
/// grid. Removals are attributed to `region.menu-run`, `region.stray-line`,
/// `region.head-run`, `region.tail-run` or `region.teaser-run`.
struct ContentRegionStage: Stage {
    let name = "content-region"
    static let menuRunRule = "region.menu-run"
    static let strayLineRule = "region.stray-line"
    static let headRunRule = "region.head-run"
    static let tailRunRule = "region.tail-run"
    static let teaserRunRule = "region.teaser-run"

    let options: ContentRegionOptions
    let stopwords: StopwordTable

    struct LineInfo {
        var words = 0
        var isProse = false
        var isMenuLike = false
        var isBullet = false
        /// Prose that is surely running text, not a headline: it ends like a sentence,
        /// or has ``ContentRegionOptions/runningTextMinWords`` words.
        var isRunningText = false
    }

    /// What the stage decided about a page before removing anything: where the main
    /// region is, how each line is classed, and whether the region holds so little of
    /// the page's prose that only the ``ContentRegionOptions/conservative`` thresholds
    /// apply (``AdaptiveStage`` hands such pages to the line classifier instead).
    struct Plan {
        let region: ClosedRange<Int>
        /// Per line, classed with the thresholds that apply.
        let info: [LineInfo]
        let options: ContentRegionOptions
        /// Whether the prose in the region is below ``ContentRegionOptions/minimumRegionShare``
        /// of the page's words (``options`` are then the conservative ones).
        let regionIsWeak: Bool
        /// The share of the page's words (clear menus left out) that the region's prose
        /// holds; 1 when the options need no share (no minimum share, no head or tail
        /// trim: it is not worked out then).
        let regionShare: Double
    }

    /// The plan for the page as it stands, or nil when it holds no prose (no region;
    /// the page is left alone).
    func plan(for document: inout Document) -> Plan? {
        let lines = document.lines
        let counts = LineWordCounts.of(&document, stopwords: stopwords)
        let info = counts.enumerated().map { index, counts in
            // A line removed since it was counted is no line of the page any more.
            lines[index].isKept ? Self.classify(counts, options: self.options) : LineInfo()
        }
        guard let region = Self.mainRegion(info[...], options: self.options) else { return nil }
        guard options.minimumRegionShare > 0 || options.trimsHead || options.trimsTail else {
            return Plan(region: region, info: info, options: options, regionIsWeak: false, regionShare: 1)
        }
        // A page whose prose is a small part of it is mostly something else (a grid of
        // products, a listing): outside the region, only clear menus go. The share
        // leaves out the clear menus themselves, which go either way: otherwise
        // removing them would raise the share on the output, and cleaning it again
        // would switch to the default thresholds and remove more.
        let conservativeInfo = counts.enumerated().map { index, counts in
            lines[index].isKept ? Self.classify(counts, options: .conservative) : LineInfo()
        }
        var clearMenuWords = 0
        let title = Self.titleLine(above: region, info: conservativeInfo, lines: lines)
        let clearMenus = document.bytes.withUnsafeBufferPointer { buffer in
            Self.removals(conservativeInfo, lines: lines, region: region, title: title, options: .conservative,
                          isPrice: { Self.looksLikePrice(buffer, lines[$0].range) })
        }
        for removal in clearMenus {
            clearMenuWords += conservativeInfo[removal.index].words
        }
        let totalWords = info.reduce(0) { $0 + $1.words } - clearMenuWords
        let regionProse = info[region].reduce(0) { $0 + ($1.isProse ? $1.words : 0) }
        let share = totalWords > 0 ? Double(regionProse) / Double(totalWords) : 1
        if Double(regionProse) < options.minimumRegionShare * Double(totalWords) {
            return Plan(region: region, info: conservativeInfo, options: .conservative, regionIsWeak: true,
                        regionShare: share)
        }
        return Plan(region: region, info: info, options: options, regionIsWeak: false, regionShare: share)
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        guard let plan = plan(for: &document) else { return }
        apply(plan, to: &document)
    }

    /// Removes what `plan` marks: menu-like lines outside the region and lines of
    /// symbols only.
    func apply(_ plan: Plan, to document: inout Document) {
        let lines = document.lines
        let (region, info, options) = (plan.region, plan.info, plan.options)
        let title = Self.titleLine(above: region, info: info, lines: lines)
        let removals = document.bytes.withUnsafeBufferPointer { buffer in
            Self.removals(info, lines: lines, region: region, title: title, options: options,
                          regionShare: plan.regionShare,
                          isReference: { Self.looksLikeReference(buffer, lines[$0].range) },
                          isPrice: { Self.looksLikePrice(buffer, lines[$0].range) })
        }
        for removal in removals {
            if removal.trim == .teasers {
                document.removeLine(removal.index, rule: Self.teaserRunRule, stage: name,
                                    detail: .teaserRun(length: removal.runLength, core: removal.core,
                                                       coreShare: removal.coreShare))
            } else if removal.trim != .none {
                let detail = RemovalDetail.trimmedRun(
                    length: removal.runLength, below: removal.trim == .tail, regionShare: plan.regionShare,
                    region: region, runningTextOnly: removal.runningTextOnly)
                document.removeLine(removal.index, rule: removal.trim == .head ? Self.headRunRule : Self.tailRunRule,
                                    stage: name, detail: detail)
            } else if removal.runLength >= options.minimumRunLength {
                document.removeLine(removal.index, rule: Self.menuRunRule, stage: name,
                                    detail: .menuRun(length: removal.runLength, region: region))
            } else {
                document.removeLine(removal.index, rule: Self.strayLineRule, stage: name,
                                    detail: .strayLine(words: info[removal.index].words, region: region))
            }
        }
        // Lines of symbols only ("*", "|", "→", "×") outside the region are what is
        // left of icons and image links: nothing a reader needs.
        document.bytes.withUnsafeBufferPointer { buffer in
            for index in lines.indices where !region.contains(index) && document.lines[index].isKept
                && info[index].words == 0 && !ByteClasses.isBlank(buffer, lines[index].range) {
                document.removeLine(index, rule: Self.strayLineRule, stage: name,
                                    detail: .strayLine(words: 0, region: region))
            }
        }
    }

    /// Index of the title line: the nearest kept non-blank line above the region,
    /// unless it is a list item (then it is the end of a menu, not a title); -1 if none.
    static func titleLine(above region: ClosedRange<Int>, info: [LineInfo], lines: [Document.Line]) -> Int {
        var title = region.lowerBound - 1
        while title >= 0 && (!lines[title].isKept || info[title].words == 0) { title -= 1 }
        if title >= 0 && info[title].isBullet { title = -1 }
        return title
    }

    /// Which trim, if any, a removal comes from.
    enum Trim { case none, head, tail, teasers }

    /// One line that goes: the length of its run, the trim it comes from, for
    /// ``Trim/head`` whether only running text broke the runs, and for
    /// ``Trim/teasers`` the core it follows and the share of the region's prose that
    /// the core holds.
    struct LineRemoval {
        let index: Int
        let runLength: Int
        var trim = Trim.none
        var runningTextOnly = false
        var core = 0...0
        var coreShare = 0.0
    }

    /// The lines with words that go: menu-like lines outside the region (and not the
    /// title) in a run of at least ``ContentRegionOptions/minimumRunLength``, or
    /// short enough to go alone; then, when `regionShare` reaches the trims' minimum,
    /// the other lines of the runs without prose above the region (but the title) and
    /// below it (but runs holding a line `isReference` says is one). Each comes with
    /// the length of its run. The tail starts after the region's ``core(of:info:options:)``
    /// when it has one: up to the region's end, lines that are no running text count
    /// as no prose there (``Trim/teasers``).
    static func removals(_ info: [LineInfo], lines: [Document.Line], region: ClosedRange<Int>, title: Int,
                         options: ContentRegionOptions, regionShare: Double = 0,
                         isReference: (Int) -> Bool = { _ in false },
                         isPrice: (Int) -> Bool = { _ in false }) -> [LineRemoval] {
        var result: [LineRemoval] = []
        // Runs are handed over as slices of one buffer: this runs on every page in every
        // settling round, and with an array per run a region run over the development
        // set made 419 K allocations instead of 101 K.
        var buffer: [Int] = []
        forEachRun(info, lines: lines, in: info.indices, of: \.isMenuLike, buffer: &buffer) { run in
            // Names and prices in turn are a grid of products, not a menu: menus
            // hold no prices.
            if run.count >= Self.gridMinimumRun {
                var prices = 0
                for index in run where isPrice(index) { prices += 1 }
                if prices >= 2 && prices * Self.gridLinesPerPrice >= run.count { return }
            }
            for index in run where !region.contains(index) && index != title {
                if run.count >= options.minimumRunLength || info[index].words <= options.loneLineMaxWords {
                    result.append(LineRemoval(index: index, runLength: run.count))
                }
            }
        }
        let trimsHead = options.trimsHead && regionShare >= options.headTrimMinimumShare
        let trimsTail = options.trimsTail && regionShare >= options.tailTrimMinimumShare
        guard trimsHead || trimsTail else { return result }
        // The menu lines already going (all outside the region, so none in a trimmed
        // run's count is lost), by line: a run adds only the others.
        var taken = [Bool](repeating: false, count: info.count)
        for removal in result { taken[removal.index] = true }
        if trimsHead {
            // On a page that is mostly its region, a headline above it breaks no run.
            let runningTextOnly = regionShare >= options.headTrimRunningTextShare
            // A Bool, not a key path: reading through a key path is a runtime call per line.
            forEachRun(info, lines: lines, in: 0..<region.lowerBound,
                       of: { !(runningTextOnly ? $0.isRunningText : $0.isProse) },
                       buffer: &buffer) { run in
                guard run.count >= options.headTrimRunLength else { return }
                for index in run where index != title && !taken[index] {
                    result.append(LineRemoval(index: index, runLength: run.count, trim: .head,
                                              runningTextOnly: runningTextOnly))
                }
            }
        }
        if trimsTail {
            let (core, coreShare) = Self.core(of: region, info: info, options: options) ?? (region, 1)
            // Between the core and the region's end only running text is prose: a
            // copy of the classes there, made only on pages that need it.
            var tailInfo = info
            for index in (core.upperBound + 1)..<(region.upperBound + 1) {
                tailInfo[index].isProse = info[index].isRunningText
            }
            forEachRun(tailInfo, lines: lines, in: (core.upperBound + 1)..<info.count, of: { !$0.isProse },
                       buffer: &buffer) { run in
                guard run.count >= options.tailTrimRunLength && !run.contains(where: isReference) else { return }
                let trim = run.first! <= region.upperBound ? Trim.teasers : .tail
                for index in run where !taken[index] {
                    result.append(LineRemoval(index: index, runLength: run.count, trim: trim, core: core,
                                              coreShare: coreShare))
                }
            }
        }
        return result
    }

    /// The region's core, the run of its lines with the highest score when only
    /// running text counts as prose, and the share of the region's prose words that
    /// its running text holds; nil when the core ends with the region, or holds less
    /// than ``ContentRegionOptions/teaserTrimMinimumCoreShare`` (a page of short
    /// paragraphs, feature lists or headlines, where no line is sure to be a teaser).
    static func core(of region: ClosedRange<Int>, info: [LineInfo], options: ContentRegionOptions)
        -> (ClosedRange<Int>, Double)? {
        guard options.teaserTrimMinimumCoreShare <= 1,
              let core = mainRegion(info[region], options: options, runningTextIsProse: true),
              core.upperBound < region.upperBound else { return nil }
        var regionProse = 0, coreText = 0
        for index in region where info[index].isProse { regionProse += info[index].words }
        for index in core where info[index].isRunningText { coreText += info[index].words }
        let share = regionProse > 0 ? Double(coreText) / Double(regionProse) : 0
        return share >= options.teaserTrimMinimumCoreShare ? (core, share) : nil
    }

    /// Calls `body` with each maximal run of consecutive lines with words among
    /// `indices` that are `member`s; blank and removed lines do not break a run, any
    /// other line does. The runs are slices of `buffer`, valid during the call.
    static func forEachRun(_ info: [LineInfo], lines: [Document.Line], in indices: Range<Int>,
                           of member: (LineInfo) -> Bool, buffer: inout [Int], _ body: (ArraySlice<Int>) -> Void) {
        buffer.removeAll(keepingCapacity: true)
        for index in indices where lines[index].isKept && info[index].words > 0 {
            if member(info[index]) {
                buffer.append(index)
            } else if !buffer.isEmpty {
                body(buffer[...])
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { body(buffer[...]) }
    }

    /// A run of menu-like lines with at least this many lines…
    static let gridMinimumRun = 4
    /// …of which at least one in this many holds a price (and two in all) is a grid
    /// of products and stays: a product's name, its price, perhaps a colour or a
    /// "Sale" label. On the development set this kept 9 must-keep snippets (on
    /// collection pages) that went as menus, for 3 must-remove snippets kept (the
    /// "you may also like" grids of product pages), word F1 unchanged; one in three
    /// kept 7.
    static let gridLinesPerPrice = 6

    /// Whether the line holds a price: a currency sign ($ £ € ¥ ₹ ₩ ₽) with a digit
    /// right before or after it (spaces between allowed): "$ 30", "€12,99", "12 €".
    static func looksLikePrice(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var i = range.lowerBound
        while i < range.upperBound {
            // Eight bytes at a time past any without a sign's first byte ($, C2, E2):
            // most lines hold none, and the stage reads most lines outside the region.
            if i &+ 8 <= range.upperBound
                && !Self.mayHoldCurrencySign(UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + i)
                    .loadUnaligned(as: UInt64.self)) {
                i &+= 8
                continue
            }
            let b = buffer[i]
            var width = 0
            if b == 0x24 {                                                                    // $
                width = 1
            } else if b == 0xC2 && i + 1 < range.upperBound && (buffer[i + 1] == 0xA3 || buffer[i + 1] == 0xA5) {
                width = 2                                                                     // £ ¥
            } else if b == 0xE2 && i + 2 < range.upperBound && buffer[i + 1] == 0x82 {
                switch buffer[i + 2] {
                case 0xAC, 0xB9, 0xA9, 0xBD: width = 3                                        // € ₹ ₩ ₽
                default: break
                }
            }
            if width > 0 {
                var after = i + width
                while after < range.upperBound && buffer[after] == 0x20 { after += 1 }
                if after < range.upperBound && isDigit(buffer[after]) { return true }
                var before = i - 1
                while before >= range.lowerBound && buffer[before] == 0x20 { before -= 1 }
                if before >= range.lowerBound && isDigit(buffer[before]) { return true }
                i += width
            } else {
                i += 1
            }
        }
        return false
    }

    /// Whether any of the eight bytes in `word` is `$` (24) or the first byte of the
    /// other signs of ``looksLikePrice(_:_:)`` (C2, E2): a zero byte of `word` xor the
    /// byte, found with the carry trick (exact for whether any byte is zero).
    @inline(__always)
    static func mayHoldCurrencySign(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZero(word ^ (ones &* 0x24)) || hasZero(word ^ (ones &* 0xC2)) || hasZero(word ^ (ones &* 0xE2))
    }

    /// Whether the line looks like a reference to a source: it holds a URL
    /// ("http://", "https://", "www.") or a year in brackets ("(2019)").
    static func looksLikeReference(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            switch buffer[i] {
            case 0x3A where i + 2 < range.upperBound && buffer[i + 1] == 0x2F && buffer[i + 2] == 0x2F:   // "://"
                return true
            case 0x2E where i >= range.lowerBound + 3 && (buffer[i - 3] | 0x20) == 0x77
                && (buffer[i - 2] | 0x20) == 0x77 && (buffer[i - 1] | 0x20) == 0x77:                       // "www."
                return true
            case 0x28 where i + 5 < range.upperBound && buffer[i + 5] == 0x29
                && (buffer[i + 1] == 0x31 && buffer[i + 2] == 0x39 || buffer[i + 1] == 0x32 && buffer[i + 2] == 0x30)
                && (0x30...0x39).contains(buffer[i + 3]) && (0x30...0x39).contains(buffer[i + 4]):           // "(19dd)", "(20dd)"
                return true
            default:
                break
            }
            i += 1
        }
        return false
    }

    /// How a line with these counts is classed under `options` (also read by
    /// ``ClosingChromeStage`` for its running-text bound).
    static func classify(_ entry: LineWordCounts.Entry, options: ContentRegionOptions) -> LineInfo {
        let counts = entry.words
        var info = LineInfo()
        info.isBullet = entry.isBullet
        info.words = counts.effectiveWords
        guard info.words > 0 else { return info }
        if counts.ideographs >= 2 * counts.words {
            // Chinese, Japanese, Thai: no spaces and no stop-word list; length decides.
            info.isProse = info.words >= options.proseMinWords
        } else {
            info.isProse = counts.words >= options.proseMinWords
                && Double(counts.stopwords) >= options.proseMinStopwordShare * Double(counts.words)
        }
        info.isRunningText = info.isProse && (entry.endsSentence || info.words >= options.runningTextMinWords)
        info.isMenuLike = !info.isProse && (info.words <= options.shortLineMaxWords
            || (entry.isBullet && info.words <= options.bulletLineMaxWords))
        return info
    }

    /// The maximum-score run of lines (indices), or nil when nothing scores above zero;
    /// with `runningTextIsProse`, only running text counts as prose. (A Bool, not a key
    /// path: reading through a key path is a runtime call per line.)
    static func mainRegion(_ info: ArraySlice<LineInfo>, options: ContentRegionOptions,
                           runningTextIsProse: Bool = false) -> ClosedRange<Int>? {
        var best = 0.0, current = 0.0
        var start = 0
        var region: ClosedRange<Int>?
        for index in info.indices where info[index].words > 0 {
            let line = info[index]
            if current <= 0 { current = 0; start = index }
            current += (runningTextIsProse ? line.isRunningText : line.isProse)
                ? Double(line.words)
                : -(options.nonProseLinePenalty + options.nonProseWordPenalty * Double(line.words))
            if current > best {
                best = current
                region = start...index
            }
        }
        return region
    }

    /// Whether the line ends like a sentence or a clause: its last character, after
    /// closing quotes and brackets (`"` `'` `)` `]` `”` `’` `»`), is `.`, `!`, `?`,
    /// `…`, `:`, `;`, `。`, `！` or `？`. Headlines and link labels end otherwise.
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            let b = bytes[i]
            if ByteClasses.isSpace(b) || b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D {
                i -= 1
            } else if (b == 0x9D || b == 0x99) && i >= range.lowerBound + 2 && bytes[i - 1] == 0x80 && bytes[i - 2] == 0xE2 {
                i -= 3                                                            // ” ’
            } else if b == 0xBB && i >= range.lowerBound + 1 && bytes[i - 1] == 0xC2 {
                i -= 2                                                            // »
            } else {
                break
            }
        }
        guard i >= range.lowerBound else { return false }
        switch bytes[i] {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x3B:                                        // . ! ? : ;
            return true
        case 0xA6:                                                                // … E2 80 A6
            return i >= range.lowerBound + 2 && bytes[i - 1] == 0x80 && bytes[i - 2] == 0xE2
        case 0x82:                                                                // 。 E3 80 82
            return i >= range.lowerBound + 2 && bytes[i - 1] == 0x80 && bytes[i - 2] == 0xE3
        case 0x81, 0x9F:                                                          // ！ EF BC 81, ？ EF BC 9F
            return i >= range.lowerBound + 2 && bytes[i - 1] == 0xBC && bytes[i - 2] == 0xEF
        default:
            return false
        }
    }

    /// Whether the line's first non-space character is a list bullet followed by a
    /// space: `*`, `+`, `-`, `•`, `◦`, `▪`, `·`, `–`.
    static func startsWithBullet(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = ByteClasses.skipSpaces(bytes, from: range.lowerBound, to: range.upperBound)
        while i < range.upperBound && ByteClasses.isHorizontalSpace(bytes[i]) { i += 1 }
        guard i < range.upperBound else { return false }
        var next = i + 1
        switch bytes[i] {
        case 0x2A, 0x2B, 0x2D:                                        // * + -
            break
        case 0xE2 where i + 2 < range.upperBound:
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            // • U+2022, ‣ U+2023, – U+2013, ◦ U+25E6, ▪ U+25AA
            guard (b1 == 0x80 && (b2 == 0xA2 || b2 == 0xA3 || b2 == 0x93))
                || (b1 == 0x97 && b2 == 0xA6) || (b1 == 0x96 && b2 == 0xAA) else { return false }
            next = i + 3
        case 0xC2 where i + 1 < range.upperBound && bytes[i + 1] == 0xB7:   // · U+00B7
            next = i + 2
        default:
            return false
        }
        return next < range.upperBound && ByteClasses.isHorizontalSpace(bytes[next])
    }
}
