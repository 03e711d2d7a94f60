/// A page being cleaned: its bytes, its lines, and what stages have removed so far.
///
/// Lines are byte ranges into one buffer; stages mark lines and spans as removed
/// instead of rewriting text, so every removal can be explained afterwards and the
/// hot path never allocates per line. Bytes need not be valid UTF-8: they pass through
/// untouched unless a rule removes them.
struct Document {
    /// The text after line-ending and space normalisation.
    private(set) var bytes: [UInt8]
    /// One entry per line, in order.
    private(set) var lines: [Line]
    /// Every removal, in the order the stages made them.
    private(set) var removals: [RemovalRecord] = []
    /// Per rule id: lines where a PCRE2 limit stopped a match (those lines were kept).
    var limitHits: [String: Int] = [:]
    /// The page's URL, when known; URL-scoped rules apply only to matching pages.
    let url: [UInt8]?
    /// What stages learned about the lines, for the next settling round.
    var memo = DocumentMemo()
    /// Whether a report of the removals is wanted (``Cleaner/cleanWithReport(bytes:url:)``):
    /// stages may then work out explanations that cost too much to make on every page.
    var explains = false
    /// Whether the settling rounds stopped at ``CleaningResult/maximumSettlingRounds`` with
    /// the last round still removing lines: cleaning the output again may remove more.
    var reachedSettlingCap = false
    /// Per line with removed spans: the spans (absolute offsets), in order. Rare, so a
    /// dictionary; lines without spans cost nothing.
    private(set) var spansByLine: [Int: [Range<Int>]] = [:]

    struct Line {
        /// Byte offsets of the line in `bytes`, without its line feed.
        var start: Int
        var end: Int
        /// Index into `removals` of the record that removed the whole line, or -1.
        var removedBy: Int32 = -1
        /// Whether ``Document/spansByLine`` holds spans of this line: read on every
        /// line by ``Document/withVisibleText(ofLine:_:)``, where a dictionary lookup
        /// would cost more than the rest.
        var hasSpans = false

        var isKept: Bool { removedBy < 0 }
        var range: Range<Int> { start..<end }
    }

    init(bytes: [UInt8], url: [UInt8]? = nil) {
        self.bytes = bytes
        self.url = url
        self.lines = Self.splitLines(bytes)
    }

    /// Replaces the text (used by normalisation, before anything is removed).
    mutating func replaceBytes(_ newBytes: [UInt8]) {
        precondition(removals.isEmpty, "text can only be replaced before any removal")
        bytes = newBytes
        lines = Self.splitLines(newBytes)
    }

    /// Marks a whole line removed.
    mutating func removeLine(_ index: Int, rule: String, stage: String, detail: RemovalDetail = .none) {
        guard lines[index].isKept else { return }
        lines[index].removedBy = Int32(removals.count)
        removals.append(RemovalRecord(ruleID: rule, stage: stage, line: index, span: nil, detail: detail))
    }

    /// Marks a span (absolute byte offsets inside line `index`) removed.
    mutating func removeSpan(_ span: Range<Int>, inLine index: Int, rule: String, stage: String) {
        removals.append(RemovalRecord(ruleID: rule, stage: stage, line: index, span: span))
        spansByLine[index, default: []].append(span)
        lines[index].hasSpans = true
    }

    /// Calls `body` with line `index` as it will be printed: without its removed spans
    /// and its trailing spaces and tabs. Stages that judge a line read it this way, so
    /// that they judge the same text when the output is cleaned again. Only a line with
    /// removed spans is copied.
    func withVisibleText<R>(ofLine index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let line = lines[index]
        return bytes.withUnsafeBufferPointer { buffer in
            guard line.hasSpans, let spans = spansByLine[index] else {
                return body(UnsafeBufferPointer(rebasing: buffer[ByteClasses.withoutTrailingSpace(buffer, line.range)]))
            }
            var visible: [UInt8] = []
            visible.reserveCapacity(line.end - line.start)
            var position = line.start
            for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if span.lowerBound > position {
                    visible.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<min(span.lowerBound, line.end)]))
                }
                position = max(position, span.upperBound)
            }
            if position < line.end { visible.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<line.end])) }
            while let last = visible.last, ByteClasses.isHorizontalSpace(last) { visible.removeLast() }
            return visible.withUnsafeBufferPointer(body)
        }
    }

    /// Calls `body` with each kept line's index and its text as it will be printed (as
    /// ``withVisibleText(ofLine:_:)`` gives it), in order. One call for the whole page:
    /// a stage holding the document `inout` that asked line by line would copy it, and
    /// what its closure captures, once a line.
    func forEachKeptLine(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        for index in lines.indices where lines[index].isKept {
            withVisibleText(ofLine: index) { body(index, $0) }
        }
    }

    /// Moves a line's end back, e.g. to drop trailing white space while tidying.
    mutating func setLineEnd(_ index: Int, to end: Int) {
        precondition(end >= lines[index].start && end <= lines[index].end)
        lines[index].end = end
    }

    /// Splits on line feeds. A final line feed ends the last line; it does not start
    /// an empty one.
    static func splitLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            let count = buffer.count
            while start < count {
                let rest = count - start
                if let hit = memchr(base + start, 0x0A, rest) {
                    let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    lines.append(Line(start: start, end: end))
                    start = end + 1
                } else {
                    lines.append(Line(start: start, end: count))
                    start = count
                }
            }
        }
        return lines
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
