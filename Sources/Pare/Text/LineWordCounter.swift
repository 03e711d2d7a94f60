/// Counts the words of a line only as far as a question needs: whether a line has at
/// most N words is settled after N + 1 words, and a rule's `max-words` bound is small
/// (5 to 12 words for most rules) while the lines it is asked about are often long
/// prose. The count resumes where it stopped when a later rule's bound is larger.
///
/// A word is a white-space separated token holding a letter or digit
/// (``ByteClasses/isWordByte(_:)``): a token of bullets, dashes or other marks alone
/// ("*", "-", "|", "•", "→", "»") is no word, so "* Privacy Policy" has the two words
/// a reader sees, and a rule's bound does not depend on whether the converter put a
/// list marker in front of the line.
struct LineWordCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int
    /// Words seen so far.
    private var words = 0
    /// Whether the token being read has been counted already.
    private var counted = false

    init(_ line: UnsafeBufferPointer<UInt8>) {
        self.bytes = line
        self.position = 0
        self.end = line.count
    }

    /// Whether the line holds at most `limit` words.
    @inline(__always)
    mutating func hasAtMost(_ limit: Int) -> Bool {
        if limit == Int.max { return true }
        // A word takes a byte and a space: what is left cannot hold more than half
        // its bytes (rounded up) in new words. Most lines a bound is asked about are
        // short menu labels, settled here without reading them.
        if words &+ (end &- position &+ 1) / 2 <= limit { return true }
        return count(upTo: limit) <= limit
    }

    /// The number of words in the whole line.
    mutating func count() -> Int {
        count(upTo: Int.max - 1)
    }

    /// Reads on until the line ends or holds more than `limit` words; the words so far.
    private mutating func count(upTo limit: Int) -> Int {
        // In locals, so that the loop keeps them in registers.
        var p = position, w = words, c = counted
        while w <= limit && p < end {
            let b = bytes[p]
            p &+= 1
            if ByteClasses.isSpace(b) {
                c = false
            } else if !c && ByteClasses.isWordByte(b) {
                c = true
                w &+= 1
            }
        }
        position = p
        words = w
        counted = c
        return w
    }
}
