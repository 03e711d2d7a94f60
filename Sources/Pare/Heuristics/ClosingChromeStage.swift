/// Cuts what is still kept below the site's closing chrome: a share bar, a tag list, a
/// comment form or a newsletter box near the end of the page marks where the main
/// content stopped.
///
/// Articles end the same way on most sites: the last paragraph, then "Share this
/// article", "Tags: …", "Leave a reply" or "Sign up for our newsletter", then the
/// site's own material: an author bio, teasers of other articles, comments, footer
/// promos. The rules remove the chrome lines themselves (the rules marked
/// `ends-content`, ``Rule/endsContent``), but what follows them is often written in
/// sentences, so the content region takes it for more of the article. This stage
/// reads the rules' verdicts as a position: the first such line that starts within the
/// last ``ContentRegionOptions/closingChromeMaximumTail`` of the kept words, or that has
/// at most ``ContentRegionOptions/closingChromeMaximumRunningTextTail`` of the page's
/// running text below it, ends the content, and the kept lines below it go
/// (`tail.after-chrome`).
///
/// Two guards keep it from cutting an article short:
/// - **The bound.** Chrome higher up is more often a box inside the text (an event
///   promo, a "Subscribe" sidebar column) with the article going on below. The second
///   bound counts only running text, so that a tag cloud or a footer of links, however
///   long, does not hide the chrome above it; below a box inside an article stand the
///   article's paragraphs.
/// - **Chrome that repeats is no end.** A line whose text stands more than once on the
///   page ("Share" under every forum post, "Reply" under every comment) belongs to
///   the items of a thread or a grid, not to the page's close.
///
/// The stage settles with the heuristic before it (``Pipeline``), but cuts a page once:
/// after a cut the kept words are fewer, so chrome further up would fall within the
/// bound in the next round, and every round would cut higher. The chrome lines are
/// removed lines, absent from the cleaned output, so cleaning that output again finds
/// no chrome and cuts nothing.
struct ClosingChromeStage: Stage {
    let name = "closing-chrome"
    static let rule = "tail.after-chrome"

    /// The ids of the rules marked `ends-content`. An array: a page's removals are
    /// compared with a handful of ids (``isMarker(_:)``), which costs less than hashing
    /// each removal's id.
    let markerRules: [String]
    /// The bounds (``ContentRegionOptions/closingChromeMaximumTail``,
    /// ``ContentRegionOptions/closingChromeMaximumRunningTextTail``) and what running
    /// text is (``ContentRegionStage/classify(_:options:)``).
    let options: ContentRegionOptions
    /// The stop words of the word counts (see ``LineWordCounts``): the same table as the
    /// content region's, so the counts are shared.
    let stopwords: StopwordTable

    init(markerRules: some Sequence<String>, options: ContentRegionOptions, stopwords: StopwordTable) {
        self.markerRules = markerRules.sorted()
        self.options = options
        self.stopwords = stopwords
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        guard !document.memo.closingChromeCut, !markerRules.isEmpty,
              options.closingChromeMaximumTail > 0 || options.closingChromeMaximumRunningTextTail > 0
        else { return }
        // The chrome lines, in line order: whole lines removed by a marked rule. Only
        // the line rules remove them, before the settling rounds, so once a page.
        let markers = document.memo.closingChromeMarkers ?? {
            var found: [ClosingChromeMarker] = []
            for removal in document.removals where removal.span == nil && isMarker(removal.ruleID) {
                found.append(ClosingChromeMarker(line: removal.line, rule: removal.ruleID))
            }
            found.sort { $0.line < $1.line }
            return found
        }()
        document.memo.closingChromeMarkers = markers
        guard !markers.isEmpty else { return }

        let counts = LineWordCounts.of(&document, stopwords: stopwords)
        guard let (marker, tailShare, runningTextShare) = cut(document, markers: markers, counts: counts)
        else { return }
        for index in (marker.line + 1)..<document.lines.count where document.lines[index].isKept {
            document.removeLine(index, rule: Self.rule, stage: name,
                                detail: .afterClosingChrome(markerLine: marker.line, markerRule: marker.rule,
                                                            tailShare: tailShare, runningTextShare: runningTextShare))
        }
        document.memo.closingChromeCut = true
    }

    /// The chrome line that ends the content, and the shares of the kept words and of
    /// their running text below it, or nil. (Apart from the removal, so that no copy of
    /// the lines is alive while lines are marked removed: that would copy them all.)
    private func cut(_ document: Document, markers: [ClosingChromeMarker],
                     counts: [LineWordCounts.Entry]) -> (ClosingChromeMarker, Double, Double)? {
        let lines = document.lines
        // Kept words, and kept words of running text, in all and above each marker.
        func runningTextWords(_ index: Int) -> Int {
            let info = ContentRegionStage.classify(counts[index], options: options)
            return info.isRunningText ? info.words : 0
        }
        var total = 0, runningTextTotal = 0
        for index in lines.indices where lines[index].isKept {
            total += counts[index].words.effectiveWords
            runningTextTotal += runningTextWords(index)
        }
        guard total > 0 else { return nil }
        let maximumTail = options.closingChromeMaximumTail
        let maximumRunningTextTail = options.closingChromeMaximumRunningTextTail
        let least = Double(total) * (1 - maximumTail)
        let leastRunningText = Double(runningTextTotal) * (1 - maximumRunningTextTail)
        var before = 0, runningTextBefore = 0
        var next = 0
        var repeatedMarkers = 0
        for marker in markers {
            while next < marker.line {
                if lines[next].isKept {
                    before += counts[next].words.effectiveWords
                    runningTextBefore += runningTextWords(next)
                }
                next += 1
            }
            // Nothing kept below: nothing to cut, and chrome further down cannot cut either.
            guard before < total else { return nil }
            // Some running text must stand above the chrome: the content it closes.
            let withinTail = maximumTail > 0 && Double(before) >= least
            let withinRunningText = maximumRunningTextTail > 0 && runningTextBefore > 0
                && Double(runningTextBefore) >= leastRunningText
            guard withinTail || withinRunningText, before > 0 else { continue }
            if document.textRepeats(ofLine: marker.line) {
                repeatedMarkers += 1
                if repeatedMarkers >= Document.maximumRepeatedLinesPassedOver { return nil }
                continue
            }
            return (marker, Double(total - before) / Double(total),
                    runningTextTotal > 0 ? Double(runningTextTotal - runningTextBefore) / Double(runningTextTotal) : 0)
        }
        return nil
    }

    /// Whether `rule` is one of ``markerRules``. Lengths first: comparing two strings'
    /// bytes cost more than the rest of the stage, and most ids differ in length.
    private func isMarker(_ rule: String) -> Bool {
        let length = rule.utf8.count
        return markerRules.contains { $0.utf8.count == length && $0 == rule }
    }
}
