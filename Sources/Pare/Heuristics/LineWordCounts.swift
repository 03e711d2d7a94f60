/// Per line of a document: its ``WordScanner/Counts`` and whether it starts with a
/// bullet, as it will be printed (zeros for lines already removed).
///
/// Worked out by the first stage that reads words (``RepeatedLineStage``,
/// ``ContentRegionStage``) and kept in ``DocumentMemo`` for the others and for the
/// settling rounds: a line's text no longer changes after the line rules. The stages
/// of one pipeline share one stop-word table, so the counts suit all of them.
enum LineWordCounts {
    typealias Entry = (words: WordScanner.Counts, isBullet: Bool, endsSentence: Bool)

    /// The counts, from the memo when it has them.
    static func of(_ document: inout Document, stopwords: StopwordTable) -> [Entry] {
        if let counts = document.memo.lineWordCounts { return counts }
        var counts = [Entry](repeating: (WordScanner.Counts(), false, false), count: document.lines.count)
        let scanner = WordScanner()
        document.forEachKeptLine { index, text in
            counts[index] = (scanner.count(text, 0..<text.count, stopwords: stopwords),
                             ContentRegionStage.startsWithBullet(text, 0..<text.count),
                             ContentRegionStage.endsSentence(text, 0..<text.count))
        }
        document.memo.lineWordCounts = counts
        return counts
    }
}
