/// The page text the line classifier was trained on, rebuilt from a document in the
/// middle of the pipeline: what `pare --no-heuristics` would print after the rule
/// stages.
///
/// That is the kept lines in order, with their removed spans taken out and trailing
/// spaces and tabs dropped (as ``Document/renderedBytes()`` does), and blank lines
/// tidied as ``TidyStage`` will (a run between content lines becomes one empty line;
/// blank lines before the first and after the last content line go). Like Python's
/// `text.split("\n")` on the output, a final empty line follows the last line.
///
/// The text is held as Unicode scalar values (invalid UTF-8 bytes become U+FFFD, as
/// Python's `errors="replace"` decoding makes them) so that character counts and
/// positions mean what they mean in features.py. The buffers are reused across calls.
struct VirtualPage {
    /// All lines' scalars, concatenated without separators.
    private(set) var scalars: [UInt32] = []
    /// Per scalar: its ``PythonCharacters/Classes``.
    private(set) var classes: [PythonCharacters.Classes] = []
    /// Classes of non-ASCII scalars seen on this page, direct-mapped by the low bits
    /// (a page's letters repeat, and Unicode's property tables are slow to ask).
    private var classCache = [(scalar: UInt32, classes: PythonCharacters.Classes)](repeating: (0, []), count: 512)
    /// Per line: its scalars are `scalars[lineStart[i]..<lineEnd[i]]`.
    private(set) var lineStart: [Int] = []
    private(set) var lineEnd: [Int] = []
    /// Per line: the document line it shows, or -1 for the final empty line.
    private(set) var documentLine: [Int] = []

    var lineCount: Int { lineStart.count }

    /// Rebuilds the page from `document`. With `decodingText` false only the lines'
    /// order and their document lines are set (every line is then empty of scalars):
    /// enough when the line facts are already known from an earlier round.
    mutating func build(from document: Document, decodingText: Bool = true) {
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        lineStart.removeAll(keepingCapacity: true)
        lineEnd.removeAll(keepingCapacity: true)
        documentLine.removeAll(keepingCapacity: true)

        let lines = document.lines
        var pendingBlank = -1
        var seenContent = false
        document.bytes.withUnsafeBufferPointer { buffer in
            for index in lines.indices where lines[index].isKept {
                if ByteClasses.isBlank(buffer, lines[index].range) {
                    if pendingBlank < 0 { pendingBlank = index }
                    continue
                }
                if seenContent && pendingBlank >= 0 { appendEmptyLine(documentLine: pendingBlank) }
                pendingBlank = -1
                seenContent = true

                lineStart.append(scalars.count)
                if decodingText { document.withVisibleText(ofLine: index) { decode($0) } }
                lineEnd.append(scalars.count)
                documentLine.append(index)
            }
        }
        if seenContent { appendEmptyLine(documentLine: -1) }
    }

    private mutating func appendEmptyLine(documentLine line: Int) {
        lineStart.append(scalars.count)
        lineEnd.append(scalars.count)
        documentLine.append(line)
    }

    /// Appends the scalars of `bytes`; each invalid byte becomes one U+FFFD.
    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            var v: UInt32
            if b < 0x80 {
                scalars.append(UInt32(b))
                classes.append(PythonCharacters.asciiClasses[Int(b)])
                i += 1
                continue
            } else if let (scalar, length) = WordScanner.decode(bytes, at: i, end: end) {
                v = scalar.value
                i += length
            } else {
                v = PythonCharacters.replacement
                i += 1
            }
            scalars.append(v)
            let slot = Int(v & 511)
            if classCache[slot].scalar != v {
                classCache[slot] = (v, PythonCharacters.classes(of: v))
            }
            classes.append(classCache[slot].classes)
        }
    }
}
