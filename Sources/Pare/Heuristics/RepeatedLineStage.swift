/// Removes a line that repeats, word for word, a line kept above it: the first
/// occurrence stays, the copies go.
///
/// A page converted to text often holds the same text twice: the desktop and mobile
/// versions of a product description, a tab's text and its accordion twin, a quoted
/// forum post, a headline in the teaser and again in the article. A reader gains
/// nothing from the second copy, and no text is lost: what is removed is still there,
/// higher up. On the development set the copies of lines of eight words or more are
/// mostly not in the human-reviewed main content (or are there once); removing them
/// raised word F1 by 0.009 with the content region and 0.007 with the classifier.
///
/// Lines are compared by their words (``WordScanner/appendWordKey(_:_:to:)``): case,
/// punctuation and spacing do not matter, so "SIGN UP for our weekly newsletter, it
/// is free!" repeats "Sign up for our weekly newsletter — it is free". With the content
/// region the stage runs once, after the line rules and before the tail cut; only lines
/// the rules kept count, so a copy of a removed line is judged on its own. The line
/// classifier does the same among the lines it keeps (``LineClassifierStage``).
struct RepeatedLineStage: Stage {
    let name = "repeated-lines"
    static let rule = "repeat.line"

    /// A line counts as a copy only if it holds at least this many words (an
    /// ideograph counts as half a word, as in the other heuristics). Shorter lines
    /// repeat for good reasons: a price or a date in each card of a grid, "Yes" in a
    /// table, "Reply" under each comment, a line of code; a long line repeats because
    /// the page holds the same text twice. On the development set 8 kept the
    /// must-keep snippets where they were (3 took out a few card fields the gold
    /// keeps), for 0.002 less word F1 than 3.
    static let minimumWords = 8

    /// The stop words of the word counts, which ``ContentRegionStage`` reads after
    /// this stage (see ``LineWordCounts``).
    let stopwords: StopwordTable

    init(stopwords: StopwordTable) {
        self.stopwords = stopwords
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        let counts = LineWordCounts.of(&document, stopwords: stopwords)
        var lines: [(line: Int, hash: UInt64)] = []
        for index in document.lines.indices
        where document.lines[index].isKept && counts[index].words.effectiveWords >= Self.minimumWords {
            lines.append((index, counts[index].words.sequenceHash))
        }
        RepeatedLineTable.removeCopies(among: lines, from: &document, stage: name)
    }
}
