extension Document {
    /// Whether another line of the page holds the same text as line `index` (ignoring
    /// leading and trailing white space and ASCII case): any other line, or with
    /// `amongKeptLines` only the lines still kept.
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
    func textRepeats(ofLine index: Int, amongKeptLines: Bool = false) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            let line = lines[index]
            let text = ByteClasses.trimmed(bytes, line.range)
            guard !text.isEmpty else { return false }
            for other in lines.indices where other != index && (!amongKeptLines || lines[other].isKept) {
                let candidate = ByteClasses.trimmed(bytes, lines[other].range)
                guard candidate.count == text.count else { continue }
                var same = true
                var i = text.lowerBound, j = candidate.lowerBound
                while i < text.upperBound {
                    if ByteClasses.asciiLowercased(bytes[i]) != ByteClasses.asciiLowercased(bytes[j]) {
                        same = false
                        break
                    }
                    i += 1
                    j += 1
                }
                if same { return true }
            }
            return false
        }
    }
}
