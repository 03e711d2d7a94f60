/// Thresholds of the content-region heuristic (``Cleaner``'s `contentRegion`).
///
/// The defaults were tuned on the development set's word F1 while holding the share
/// of must-keep snippets at or above 0.85; ``conservative`` keeps more.
public struct ContentRegionOptions: Sendable, Equatable {
    /// A line counts as prose with at least this many words… (shorter lines are
    /// headings, labels, menu items, prices).
    public var proseMinWords: Int
    /// …and at least this share of stop words ("the", "und", "что"): running text is
    /// full of them, menus and link lists are not. 0.2 sits below the share in prose
    /// of every language with a list (typically 0.3–0.5).
    public var proseMinStopwordShare: Double
    /// In the search for the main region, each non-prose line costs this much…
    public var nonProseLinePenalty: Double
    /// …plus this much per word, so long non-prose lines (headline lists) cost more.
    public var nonProseWordPenalty: Double
    /// Outside the main region, a line of at most this many words is menu-like.
    public var shortLineMaxWords: Int
    /// Outside the main region, a bulleted line (`*`, `+`, `•`, `-`) of at most this
    /// many words is menu-like: inscriptis renders menus and link lists as bullets.
    public var bulletLineMaxWords: Int
    /// Menu-like lines outside the region go when they form a run at least this long
    /// (blank lines do not break a run): a lone short line may be a heading.
    public var minimumRunLength: Int
    /// Outside the region, lines of at most this many words go even alone ("Menu",
    /// "×", "Search").
    public var loneLineMaxWords: Int
    /// When the prose in the main region holds less than this share of the page's
    /// words, the page is mostly not prose (a shop grid, a listing) and only the
    /// ``conservative`` thresholds apply outside the region: there, short lines are
    /// more often product names and prices than menus. The page's words here leave
    /// out the clear menus (what the conservative thresholds remove), so that the
    /// choice is the same on the cleaned output; 0.25 on that count gives the
    /// development set the scores 0.15 gave on the whole page.
    public var minimumRegionShare: Double
    /// On a page whose region's prose holds at least ``headTrimMinimumShare`` of its
    /// words (an article, a post, a documentation page), a run of this many lines or
    /// more without prose above the region (the title line counts) goes whatever
    /// their length, except the title line: what stands above an article's first paragraph in runs is its
    /// site's header (menus of long labels, breadcrumbs, promo banners, log-in
    /// prompts, teasers of other articles). The line just above the region stays (the
    /// title, or the byline under it), and a dek is mostly prose, which breaks a run;
    /// a headline with two short lines between it and the text can go. Keeping two
    /// or three lines above the region instead of one scored lower on every measure.
    public var headTrimRunLength: Int
    /// See ``headTrimRunLength``; above 1, no page is trimmed. On pages where the
    /// region holds less, the head is more often a listing's or a shop's grid above a
    /// block of text, and is their content. On the development set (default
    /// heuristic) 0.5 raised word F1 from 0.787 to 0.794 and the share of must-remove
    /// snippets removed from 0.707 to 0.741, and lost 22 of the must-keep snippets
    /// (on product, service, collection, listing and documentation pages; none on an
    /// article); 0.25 lost 58 (must-keep 0.849), 0.65 and 0.8 gained less.
    public var headTrimMinimumShare: Double
    /// On a page whose region's prose holds at least this share of its words, only
    /// running text (``runningTextMinWords``) breaks a run of the head trim: the
    /// headlines in a site's header (a menu of article titles, teasers above the
    /// text) go with the rest of the run. On the development set (default heuristic,
    /// teaser trim on) 0.75 raised word F1 from 0.802 to 0.803 and the share of
    /// must-remove snippets removed from 0.782 to 0.791, and lost 2 must-keep snippets
    /// (both section headings whose second copy, in the text, had gone as a repeated
    /// line); 0.65 lost 16 more (0.849), and at 0 the head of product, listing and
    /// service pages went too (0.846).
    public var headTrimRunningTextShare: Double
    /// The same below the region: on a page whose region's prose holds at least
    /// ``tailTrimMinimumShare`` of its words, a run of this many lines or more without
    /// prose after the region goes (teasers of other articles, tag lists, footer
    /// columns), unless a line of it looks like a reference (a URL, a year in
    /// brackets): the sources at the end of an article are no prose either.
    public var tailTrimRunLength: Int
    /// See ``tailTrimRunLength``; above 1, no page is trimmed. On the development set
    /// (default heuristic, head trim on) 0.5 raised word F1 from 0.794 to 0.798 and the
    /// share of must-remove snippets removed from 0.741 to 0.761, and lost 10 of the
    /// must-keep snippets (2 on articles: a price line and a feature list after the
    /// text); without the test for references, 12 (4 on articles, two of them
    /// references).
    public var tailTrimMinimumShare: Double
    /// A prose line with at least this many words is running text even when it does
    /// not end like a sentence; a shorter one must end with `.`, `!`, `?`, `…`, `:` or
    /// `;`. Headlines of other articles are prose by word count and stop words, but
    /// end without a stop and are short.
    public var runningTextMinWords: Int
    /// When the region's core (its best run of lines when only running text counts
    /// as prose) ends before the region and its running text holds at least this
    /// share of the region's prose words, the tail trim starts after the core, and up
    /// to the region's end only running text breaks a run: the headlines and short
    /// teasers of other articles that the region took in after the last paragraph go
    /// (`region.teaser-run`). Above 1, or with the tail trim off, it is off. On the
    /// development set (default heuristic) 0.6 raised word F1 from 0.799 to 0.802 and
    /// the share of must-remove snippets removed from 0.767 to 0.782, and lost 16 of
    /// the must-keep snippets (10 on articles, most of them "Read more:" links the
    /// gold keeps); 0.5 and 0.7 scored lower. On pages where the core holds less, the
    /// region is mostly feature lists, headlines or short paragraphs (a service page,
    /// a listing), and a core-based cut there cost 55 must-keep snippets at 0.
    public var teaserTrimMinimumCoreShare: Double
    /// A line that an `ends-content` rule removed (a share bar's label, a tag list, a
    /// comment form, a newsletter box: ``Rule/endsContent``) and that starts within
    /// this trailing share of the kept words ends the main content: the kept lines
    /// below it go (``ClosingChromeStage``). Such chrome closes an article; when it
    /// stands earlier, it is more often a box inside the text (an event promo, a
    /// sidebar) with the article going on below. 0 turns it off. On the development
    /// set (default heuristic) 0.3 raised word F1 from 0.805 to 0.812 and the share of
    /// must-remove snippets removed from 0.815 to 0.833, and lost 11 must-keep
    /// snippets (an event promo and a sidebar inside articles, product names below a
    /// shop's footer, "SHARE" in an SQL grammar). In a replay over `--explain` output,
    /// 0.35 lost 1 more for no more F1 and 0.25 gained 0.001 less F1; without the test
    /// for chrome that repeats, F1 rose 0.001 more (forum threads cut after their first
    /// post) for 8 more lost snippets.
    public var closingChromeMaximumTail: Double
    /// Closing chrome also ends the content when at most this share of the page's
    /// running text (``runningTextMinWords``: prose that ends like a sentence or is
    /// long) stands below it, however many other words do. Tag clouds, link lists,
    /// menus and footers after an article can outweigh it in words, and then the chrome
    /// above them lies beyond ``closingChromeMaximumTail``; the bound exists to keep an
    /// article's paragraphs, and there are none of them below. 0 turns it off. On the
    /// development set (default heuristic) 0.15 raised word F1 from 0.8169 to 0.8177 and
    /// lost no must-keep snippet: three articles gained 0.36 to 0.61 (a tag list, a
    /// newsletter box and a share bar above long non-prose tails); one documentation
    /// page, whose content below a feedback widget is a list of links with short
    /// descriptions, lost 0.12. 0.2 gained 0.0012 and lost one snippet; 0.3 gained
    /// 0.0014 and lost nine. Measured again once the form and cookie-banner rules were
    /// marked too: 0.2 gained 0.0004 more and lost one snippet, 0.25 lost six, and
    /// with 0.35 for ``closingChromeMaximumTail`` six went as well.
    public var closingChromeMaximumRunningTextTail: Double

    public init(proseMinWords: Int = 7, proseMinStopwordShare: Double = 0.2,
                nonProseLinePenalty: Double = 2, nonProseWordPenalty: Double = 0.5,
                shortLineMaxWords: Int = 4, bulletLineMaxWords: Int = 8,
                minimumRunLength: Int = 3, loneLineMaxWords: Int = 2, minimumRegionShare: Double = 0.25,
                headTrimRunLength: Int = 3, headTrimMinimumShare: Double = 0.5, headTrimRunningTextShare: Double = 0.75,
                tailTrimRunLength: Int = 3, tailTrimMinimumShare: Double = 0.5,
                runningTextMinWords: Int = 20, teaserTrimMinimumCoreShare: Double = 0.6,
                closingChromeMaximumTail: Double = 0.3, closingChromeMaximumRunningTextTail: Double = 0.15) {
        self.proseMinWords = proseMinWords
        self.proseMinStopwordShare = proseMinStopwordShare
        self.nonProseLinePenalty = nonProseLinePenalty
        self.nonProseWordPenalty = nonProseWordPenalty
        self.shortLineMaxWords = shortLineMaxWords
        self.bulletLineMaxWords = bulletLineMaxWords
        self.minimumRunLength = minimumRunLength
        self.loneLineMaxWords = loneLineMaxWords
        self.minimumRegionShare = minimumRegionShare
        self.headTrimRunLength = headTrimRunLength
        self.headTrimMinimumShare = headTrimMinimumShare
        self.headTrimRunningTextShare = headTrimRunningTextShare
        self.tailTrimRunLength = tailTrimRunLength
        self.tailTrimMinimumShare = tailTrimMinimumShare
        self.runningTextMinWords = runningTextMinWords
        self.teaserTrimMinimumCoreShare = teaserTrimMinimumCoreShare
        self.closingChromeMaximumTail = closingChromeMaximumTail
        self.closingChromeMaximumRunningTextTail = closingChromeMaximumRunningTextTail
    }

    /// Whether the head trim is on (``headTrimMinimumShare`` at most 1).
    var trimsHead: Bool { headTrimMinimumShare <= 1 && headTrimRunLength > 0 }
    /// Whether the tail trim is on (``tailTrimMinimumShare`` at most 1).
    var trimsTail: Bool { tailTrimMinimumShare <= 1 && tailTrimRunLength > 0 }

    /// The tuned defaults.
    public static let `default` = ContentRegionOptions()

    /// Removes only clear menus: shorter items, longer runs, no lone lines, no head or
    /// tail trim, no cut below closing chrome.
    public static let conservative = ContentRegionOptions(
        shortLineMaxWords: 2, bulletLineMaxWords: 5, minimumRunLength: 4, loneLineMaxWords: 0,
        minimumRegionShare: 0, headTrimMinimumShare: .infinity, tailTrimMinimumShare: .infinity,
        teaserTrimMinimumCoreShare: .infinity, closingChromeMaximumTail: 0, closingChromeMaximumRunningTextTail: 0)
}
