/// Removes a row of links whose labels the conversion to text ran together:
/// "NewsletterPress RoomWriter GuidelinesCustomer Service", "TwitterFacebookWhatsAppLinkedIn".
///
/// An HTML-to-text converter that puts nothing between inline links leaves the last
/// lower-case letters of one label against the capital that starts the next: a *join*
/// ("erPr" in "NewsletterPress": two lower-case letters, then a capital and a
/// lower-case letter; "UsContact" has none, "Us" having one lower-case letter). Running text has joins only in names (YouTube, JavaScript, MacBook),
/// among words set apart by spaces, commas and full stops; a glued row is mostly
/// joins. A line goes when it holds
/// - at least ``minimumJoins`` joins, and at least ``minimumJoinsPerSpace`` per space;
/// - no comma followed by white space, and no `.`, `!` or `?` followed by white space
///   and a capital (lists and sentences of names have them);
/// - none of `{ } ( ) ; = < > " @ #` (code such as `componentDidMount()`, handles
///   and hashtags such as `@InstantPotOfficial`);
/// - a capital as its first letter (labels have one, identifiers such as
///   `onInStockOnlyChange` do not).
///
/// On the development set, after the rules, such lines hold 3,500 words on 149 pages
/// and 61 of the snippets the annotators marked for removal; one of them is a line of
/// the human-reviewed main content (a line of code documentation), and one listing
/// loses a drop-down of team names whose names the annotators kept.
/// Letters are those of ASCII, Latin-1, Greek and Cyrillic; other scripts have no
/// joins to find. The stage runs with the content region (and so with the default),
/// once: a line's shape does not depend on the page around it.
struct GluedLinkRowStage: Stage {
    let name = "glued-links"
    static let rule = "glued.link-row"

    /// Three joins: a row of four labels. Two joins is also "PreFabPads" or "More
    /// freeCodeCamp courses", names in running text.
    static let minimumJoins = 3
    /// Joins per space: a row of two-word labels ("Press RoomWriter GuidelinesCustomer
    /// Service") has two joins for three spaces; a sentence naming three products ("He
    /// moved from WordPress to GitHub and then to LinkedIn last year") three for eleven.
    /// 0.4 removed 3 gold lines on the development set, 0.34 four, no ratio sixteen
    /// (after the default heuristic, without the first-letter test).
    static let minimumJoinsPerSpace = 0.4
    /// Lines with more words than one per this many bytes are not read: running text
    /// has a word every 6 bytes or so, a glued row far fewer (its labels count as one
    /// word each). On the development set (after the default heuristic) this leaves
    /// 72 % of the lines unread and misses 6 of the 300 rows a full reading finds.
    static let minimumBytesPerWord = 7

    /// The words of each line (``LineWordCounts``), which the content region reads
    /// after this stage.
    let stopwords: StopwordTable

    func apply(to document: inout Document, scratch: MatchScratch) {
        let counts = LineWordCounts.of(&document, stopwords: stopwords)
        var found: [(line: Int, joins: Int, spaces: Int)] = []
        document.bytes.withUnsafeBufferPointer { buffer in
            for index in document.lines.indices where document.lines[index].isKept {
                let words = counts[index].words.effectiveWords
                // The line's length bounds its stripped length: most lines go here.
                guard words > 0, document.lines[index].range.count >= Self.minimumBytesPerWord * words else { continue }
                let range = Self.stripped(buffer, document.lines[index].range)
                guard range.count >= Self.minimumBytesPerWord * words,
                      let (joins, spaces) = Self.joins(in: UnsafeBufferPointer(rebasing: buffer[range])),
                      joins >= Self.minimumJoins, Double(joins) >= Self.minimumJoinsPerSpace * Double(spaces)
                else { continue }
                found.append((index, joins, spaces))
            }
        }
        for row in found {
            document.removeLine(row.line, rule: Self.rule, stage: name,
                                detail: .gluedLinks(joins: row.joins, spaces: row.spaces))
        }
    }

    /// `range` without the white space at either end.
    private static func stripped(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = ByteClasses.skipSpaces(buffer, from: range.lowerBound, to: range.upperBound)
        var end = range.upperBound
        while start < end && ByteClasses.isSpace(buffer[start]) { start += 1 }
        while end > start && ByteClasses.isSpace(buffer[end - 1]) { end -= 1 }
        return start..<end
    }

    private enum LetterCase { case lower, upper, other }

    /// The joins and the spaces (U+0020) of `line`, or nil when it has a shape that
    /// rules it out (a comma or a sentence end before white space, code, handles).
    static func joins(in line: UnsafeBufferPointer<UInt8>) -> (joins: Int, spaces: Int)? {
        var joins = 0, spaces = 0
        // The cases of the two characters before, and whether the one before them
        // all began a join that the next lower-case letter completes.
        var before = LetterCase.other, last = LetterCase.other
        var capitalAfterTwoLower = false
        var seenLetter = false
        var i = 0
        while i < line.count {
            let byte = line[i]
            var current = LetterCase.other
            var length = 1
            if byte < 0x80 {
                switch byte {
                case 0x61...0x7A: current = .lower
                case 0x41...0x5A:
                    current = .upper
                    if i > 0 && ByteClasses.isSpace(line[i - 1]) && followsSentenceEnd(line, i) { return nil }
                case 0x20: spaces += 1
                case 0x2C:   // ", "
                    if i + 1 < line.count && ByteClasses.isSpace(line[i + 1]) { return nil }
                case 0x7B, 0x7D, 0x28, 0x29, 0x3B, 0x3D, 0x3C, 0x3E, 0x22, 0x40, 0x23:
                    return nil
                default: break
                }
            } else if let (scalar, size) = UTF8Decoding.scalar(in: line, at: i) {
                current = Self.letterCase(scalar)
                length = size
            }
            if !seenLetter && current != .other {
                // Labels start with a capital; an identifier in code ("onInStockOnlyChange")
                // with a small letter.
                guard current == .upper else { return nil }
                seenLetter = true
            }
            if capitalAfterTwoLower && current == .lower { joins += 1 }
            capitalAfterTwoLower = current == .upper && before == .lower && last == .lower
            before = last
            last = current
            i += length
        }
        return (joins, spaces)
    }

    /// Whether the white space before the capital at `capital` follows `.`, `!` or
    /// `?`, with at most one closing quote or bracket between ("end." or "end.” Next").
    private static func followsSentenceEnd(_ line: UnsafeBufferPointer<UInt8>, _ capital: Int) -> Bool {
        var j = capital - 1
        while j >= 0 && ByteClasses.isSpace(line[j]) { j -= 1 }
        guard j >= 0 else { return false }
        if line[j] == 0x22 || line[j] == 0x29 {
            j -= 1
        } else if j >= 2 && line[j - 2] == 0xE2 && line[j - 1] == 0x80 && (line[j] == 0x9D || line[j] == 0x99) {
            j -= 3     // ” or ’
        }
        guard j >= 0 else { return false }
        return line[j] == 0x2E || line[j] == 0x21 || line[j] == 0x3F
    }

    /// Case of the letters of Latin-1, Greek and Cyrillic; `.other` for the rest.
    private static func letterCase(_ scalar: UInt32) -> LetterCase {
        switch scalar {
        case 0xC0...0xDE where scalar != 0xD7: return .upper
        case 0xDF...0xFF where scalar != 0xF7: return .lower
        case 0x391...0x3A9: return .upper
        case 0x3AC...0x3CE: return .lower
        case 0x400...0x42F: return .upper
        case 0x430...0x45F: return .lower
        default: return .other
        }
    }
}
