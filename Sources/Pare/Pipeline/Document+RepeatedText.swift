extension Document {
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
            // ASCII white space, and with `ignoringDigits` ASCII digits: skipped on both sides.
            @inline(__always) func skipped(_ byte: UInt8) -> Bool {
                byte == 0x20 || byte == 0x09 || byte == 0x0D || (ignoringDigits && byte &- 0x30 < 10)
            }
            let text = lines[index].range
            guard text.contains(where: { !skipped(bytes[$0]) }) else { return false }
            for other in lines.indices where other != index && (!amongKeptLines || lines[other].isKept) {
                let candidate = lines[other].range
                var i = text.lowerBound, j = candidate.lowerBound
                while true {
                    while i < text.upperBound && skipped(bytes[i]) { i += 1 }
                    while j < candidate.upperBound && skipped(bytes[j]) { j += 1 }
                    guard i < text.upperBound, j < candidate.upperBound else { break }
                    guard ByteClasses.asciiLowercased(bytes[i]) == ByteClasses.asciiLowercased(bytes[j]) else { break }
                    i += 1
                    j += 1
                }
                if i == text.upperBound && j == candidate.upperBound { return true }
            }
            return false
        }
    }
}
