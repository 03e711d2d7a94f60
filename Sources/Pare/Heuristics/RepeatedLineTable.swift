/// Finds, line by line in page order, the first earlier line holding the same words:
/// the mechanism of ``RepeatedLineStage`` and of the line classifier's own removal of
/// copies.
///
/// Lines are filed by a hash of their words that the caller already has (the word
/// counts' ``WordScanner/Counts/sequenceHash``, or the classifier's folded line).
/// Equal words must give equal hashes; different words may too, so a matching hash is
/// checked by the lines' word keys (``WordScanner/appendWordKey(_:_:to:)``), and two
/// different lines never count as one. That check scans both lines again, but only for
/// real copies (and the rare collision).
struct RepeatedLineTable {
    private var slots: [(hash: UInt64, line: Int32)]
    private let mask: Int
    /// The two word keys being compared, reused from check to check.
    private var firstKey: [UInt8] = []
    private var otherKey: [UInt8] = []
    /// Word-key checks so far (for tests: the bound below holds).
    private(set) var checks = 0

    /// Most checks of one line against earlier lines whose hash matches but whose words
    /// differ. The hash is FNV-1a, which a page can be made to collide on purpose:
    /// without a bound, n such lines would cost n² key checks. A line that reaches it
    /// counts as no copy and is not filed: it stays, which is the safe side.
    static let maximumMismatches = 8

    /// A table for up to `capacity` lines.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: (0, -1), count: size)
        mask = size - 1
    }

    /// The first line filed with the same words as document line `line`, or nil after
    /// filing `line` as the first of its words.
    mutating func firstLine(withWordsOf line: Int, hash: UInt64, in document: Document) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        var mismatches = 0
        while true {
            let (known, first) = slots[slot]
            if first < 0 {
                slots[slot] = (hash, Int32(line))
                return nil
            }
            if known == hash {
                if sameWords(Int(first), line, in: document) { return Int(first) }
                mismatches += 1
                if mismatches == Self.maximumMismatches { return nil }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func sameWords(_ a: Int, _ b: Int, in document: Document) -> Bool {
        checks += 1
        Self.key(of: a, in: document, into: &firstKey)
        Self.key(of: b, in: document, into: &otherKey)
        return firstKey == otherKey
    }

    private static func key(of line: Int, in document: Document, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        _ = document.withVisibleText(ofLine: line) { WordScanner().appendWordKey($0, 0..<$0.count, to: &key) }
    }
}

extension RepeatedLineTable {
    /// Files `lines` (document line and its word hash, in page order) and removes each
    /// that repeats an earlier one, as `repeat.line` of `stage`, naming the first.
    static func removeCopies(among lines: [(line: Int, hash: UInt64)], from document: inout Document,
                             stage: String) {
        guard lines.count > 1 else { return }
        var table = RepeatedLineTable(capacity: lines.count)
        var repeats: [(line: Int, first: Int)] = []
        for (line, hash) in lines {
            if let first = table.firstLine(withWordsOf: line, hash: hash, in: document) { repeats.append((line, first)) }
        }
        for (line, first) in repeats {
            document.removeLine(line, rule: RepeatedLineStage.rule, stage: stage, detail: .repeatedLine(of: first))
        }
    }
}
