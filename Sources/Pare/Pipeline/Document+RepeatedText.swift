extension Document {
    /// Lines a stage passes over as repeated (``textRepeats(ofLine:amongKeptLines:ignoringDigits:)``)
    /// before it gives up on the page: a tail of that many is a thread or a grid, not a
    /// page's close, and each test reads the whole page, so without a bound a page of
    /// thousands of them would take time quadratic in its length. The most on a page of
    /// the development set: 13 headings in the tail cut (a Q&A thread's "Comments" under
    /// every answer), 30 chrome lines in the closing-chrome cut.
    static let maximumRepeatedLinesPassedOver = 64

    /// Whether another line of the page holds the same text as line `index`, ignoring
    /// ASCII case and white space: any other line, or with `amongKeptLines` only the
    /// lines still kept. With `ignoringDigits` the lines' digits do not count either,
    /// so "6 Comments", "3 Comments" and "Comments" are the same text.
    ///
    /// A heading or label that stands more than once on a page ("Comments" and "Share"
    /// under every post of a thread) belongs to the items of a thread or a grid, not to
    /// the page's own sections; the stages that read such a line as the end of the
    /// content (``TailCutStage``, ``ClosingChromeStage``) pass over it.
    ///
    /// A stage whose own line stays kept until it decides must count kept lines only:
    /// the cleaned output holds no removed line, so a copy that only a removed line
    /// makes would be gone when the output is cleaned again, and the second cleaning
    /// would decide otherwise.
    func textRepeats(ofLine index: Int, amongKeptLines: Bool = false, ignoringDigits: Bool = false) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            // White space, and with `ignoringDigits` ASCII digits: skipped on both sides.
            @inline(__always) func skipped(_ byte: UInt8) -> Bool {
                ByteClasses.isSpace(byte) || (ignoringDigits && byte &- 0x30 < 10)
            }
            // The line's text as compared, once (its indentation is read once, not
            // once for every other line).
            var key: [UInt8] = []
            for i in lines[index].range where !skipped(bytes[i]) { key.append(ByteClasses.asciiLowercased(bytes[i])) }
            guard !key.isEmpty else { return false }
            for other in lines.indices where other != index && (!amongKeptLines || lines[other].isKept) {
                var matched = 0
                var same = true
                for j in lines[other].range where !skipped(bytes[j]) {
                    guard matched < key.count, ByteClasses.asciiLowercased(bytes[j]) == key[matched] else {
                        same = false
                        break
                    }
                    matched += 1
                }
                if same && matched == key.count { return true }
            }
            return false
        }
    }
}
