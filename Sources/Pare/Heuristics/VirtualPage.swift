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
    /// All lines' scalars, concatenated without separators. Only the first
    /// `lineEnd.last` entries are this page's: the arrays keep their high-water length
    /// so that decoding writes through pointers instead of appending scalar by scalar.
    private(set) var scalars: [UInt32] = []
    /// Per scalar: its ``PythonCharacters/Classes``.
    private(set) var classes: [PythonCharacters.Classes] = []
    /// Number of scalars of this page.
    private var scalarCount = 0
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
        scalarCount = 0
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

                lineStart.append(scalarCount)
                if decodingText { document.withVisibleText(ofLine: index) { decode($0) } }
                lineEnd.append(scalarCount)
                documentLine.append(index)
            }
        }
        if seenContent { appendEmptyLine(documentLine: -1) }
    }

    private mutating func appendEmptyLine(documentLine line: Int) {
        lineStart.append(scalarCount)
        lineEnd.append(scalarCount)
        documentLine.append(line)
    }

    /// Calls `body` with the page's scalars and their classes (``lineStart`` and
    /// ``lineEnd`` index both).
    func withText<R>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<PythonCharacters.Classes>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { s in
            try classes.withUnsafeBufferPointer { c in
                try body(UnsafeBufferPointer(rebasing: s[0..<scalarCount]), UnsafeBufferPointer(rebasing: c[0..<scalarCount]))
            }
        }
    }

    /// Appends the scalars of `bytes`; each invalid byte becomes one U+FFFD.
    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A byte makes at most one scalar.
        let needed = scalarCount + bytes.count
        if scalars.count < needed {
            let grown = max(needed, 2 * scalars.count)
            scalars.append(contentsOf: repeatElement(0, count: grown - scalars.count))
            classes.append(contentsOf: repeatElement([], count: grown - classes.count))
        }
        // Out of `self` while written, so the cache below may be updated meanwhile.
        var scalarStore: [UInt32] = [], classStore: [PythonCharacters.Classes] = []
        swap(&scalarStore, &scalars)
        swap(&classStore, &classes)
        defer {
            swap(&scalarStore, &scalars)
            swap(&classStore, &classes)
        }
        var n = scalarCount
        PythonCharacters.asciiClasses.withUnsafeBufferPointer { ascii in
            scalarStore.withUnsafeMutableBufferPointer { out in
                classStore.withUnsafeMutableBufferPointer { outClasses in
                    var i = 0
                    let end = bytes.count
                    while i < end {
                        let b = bytes[i]
                        if b < 0x80 {
                            out[n] = UInt32(b)
                            outClasses[n] = ascii[Int(b)]
                            n += 1
                            i += 1
                            continue
                        }
                        var v: UInt32
                        if let (scalar, length) = WordScanner.decode(bytes, at: i, end: end) {
                            v = scalar.value
                            i += length
                        } else {
                            v = PythonCharacters.replacement
                            i += 1
                        }
                        out[n] = v
                        outClasses[n] = classes(of: v)
                        n += 1
                    }
                }
            }
        }
        scalarCount = n
    }

    /// ``PythonCharacters/classes(of:)`` through the page's cache.
    private mutating func classes(of v: UInt32) -> PythonCharacters.Classes {
        let slot = Int(v & 511)
        if classCache[slot].scalar != v {
            classCache[slot] = (v, PythonCharacters.classes(of: v))
        }
        return classCache[slot].classes
    }
}
