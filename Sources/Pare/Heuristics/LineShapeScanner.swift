#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a line's own text gives the line classifier: its unit facts (words, stop
/// words, prose, list markers; features.py's `Line`) and its 36 shape features
/// (`s_*`), read from the ``VirtualPage``'s scalars and classes.
///
/// These are the per-character passes of the classifier, done once per line (the
/// settling rounds reuse them through ``LineFeatures/LineMemo``), so they read the
/// page through pointers and look stop words up without building a string.
struct LineShapeScanner {
    typealias Unit = LineFeatures.Unit

    /// The page's scalars and their classes (``VirtualPage``), valid while scanning.
    let scalars: UnsafeBufferPointer<UInt32>
    let classes: UnsafeBufferPointer<PythonCharacters.Classes>
    let stopwords: StopwordTable
    /// The current word's lower-cased UTF-8 while it is short enough to be a stop
    /// word (no stop word is longer than this).
    private let word: UnsafeMutableBufferPointer<UInt8>
    /// One non-ASCII character lower-cased.
    private var wide: [UInt8] = []

    /// Scans with `word` as scratch for the current word.
    init(scalars: UnsafeBufferPointer<UInt32>, classes: UnsafeBufferPointer<PythonCharacters.Classes>,
         stopwords: StopwordTable, word: UnsafeMutableBufferPointer<UInt8>) {
        precondition(word.count >= stopwords.maximumLength, "the word buffer must hold the longest stop word")
        self.scalars = scalars
        self.classes = classes
        self.stopwords = stopwords
        self.word = word
    }

    // features.py's constants (ContentRegionStage's defaults).
    private static let proseMinWords = 7
    private static let proseMinStopShare = 0.2
    private static let menuShortMaxWords = 4
    private static let menuBulletMaxWords = 8

    // MARK: - Unit facts

    /// `raw.strip()`: the scalar bounds of the line `start..<end` without Python
    /// white space.
    func strippedBounds(_ start: Int, _ end: Int) -> (Int, Int) {
        var a = start, b = end
        while a < b && classes[a].contains(.space) { a += 1 }
        while b > a && classes[b - 1].contains(.space) { b -= 1 }
        return (a, b)
    }

    /// features.py's `Line.__init__`: indentation, words (`scan_words`), stop words,
    /// prose, list markers, menu-likeness and the folded words.
    mutating func scanLine(_ start: Int, _ end: Int, _ a: Int, _ b: Int, into u: inout Unit) {
        let s = scalars
        var p = start
        while p < end && (s[p] == 0x20 || s[p] == 0x09) { p += 1 }
        u.indent = p - start

        // Words: \w+ runs, ideograph-range characters counted apart and ending words.
        // Each word's lower-cased UTF-8 is hashed as it comes (the folded line chains
        // the words' bytes with one space between them) and kept in `word` while it
        // could still be a stop word.
        let basis = StopwordTable.hashBasis
        var hash = basis
        var wordHash = basis
        var length = 0          // bytes of the current word; 0 between words
        var j = a
        while j <= b {
            let c: PythonCharacters.Classes = j < b ? classes[j] : .space
            if c.contains(.ideograph) {
                u.ideographs += 1
            } else if c.contains(.word) {
                if length == 0 && u.words > 0 { hash = StopwordTable.hashStep(hash, 0x20) }
                let v = s[j]
                if v < 0x80 {
                    let byte = UInt8(truncatingIfNeeded: v >= 0x41 && v <= 0x5A ? v | 0x20 : v)
                    hash = StopwordTable.hashStep(hash, UInt64(byte))
                    wordHash = StopwordTable.hashStep(wordHash, UInt64(byte))
                    if length < word.count { word[length] = byte }
                    length += 1
                } else {
                    wide.removeAll(keepingCapacity: true)
                    _ = PythonCharacters.appendLowercased(v, to: &wide)
                    for byte in wide {
                        hash = StopwordTable.hashStep(hash, UInt64(byte))
                        wordHash = StopwordTable.hashStep(wordHash, UInt64(byte))
                        if length < word.count { word[length] = byte }
                        length += 1
                    }
                }
                j += 1
                continue
            }
            if length > 0 {
                u.words += 1
                if length <= word.count
                    && stopwords.contains(UnsafeBufferPointer(rebasing: word[0..<length]), hash: wordHash) {
                    u.stops += 1
                }
                length = 0
                wordHash = basis
            }
            j += 1
        }
        u.folded = hash
        u.nw = u.words + u.ideographs / 2
        guard u.nw > 0 else { return }
        if u.ideographs >= 2 * u.words {
            u.prose = u.nw >= Self.proseMinWords
        } else {
            u.prose = u.words >= Self.proseMinWords && Double(u.stops) >= Self.proseMinStopShare * Double(u.words)
        }
        u.bullet = Self.bulletKind(s, a, b)
        u.numbered = Self.isNumbered(s, a, b)
        u.menuLike = !u.prose && (u.nw <= Self.menuShortMaxWords || (u.bullet > 0 && u.nw <= Self.menuBulletMaxWords))
    }

    /// `bullet_kind`: 0 none, 1 `* `, 2 `+ `, 3 `- `, 4 another bullet symbol followed
    /// by a space (or the line is just the marker).
    static func bulletKind(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        guard b - a == 1 || s[a + 1] == 0x20 || s[a + 1] == 0x09 else { return 0 }
        switch s[a] {
        case 0x2A: return 1
        case 0x2B: return 2
        case 0x2D: return 3
        case 0x2022, 0x25E6, 0x25AA, 0x00B7, 0x2013, 0x2023: return 4   // • ◦ ▪ · – ‣
        default: return 0
        }
    }

    /// `is_numbered`: 1-3 digits, then `.` or `)`, then a space.
    static func isNumbered(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int) -> Bool {
        var i = 0
        while a + i < b && i < 3 && PythonCharacters.isDigit(s[a + i]) { i += 1 }
        return i > 0 && a + i + 1 < b && (s[a + i] == 0x2E || s[a + i] == 0x29) && s[a + i + 1] == 0x20
    }

    // MARK: - Shape features (s_*)

    private static func isSentenceEnd(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026 || v == 0x3002 || v == 0xFF01 || v == 0xFF1F  // . ! ? … 。！？
    }
    private static func isCloser(_ v: UInt32) -> Bool {
        v == 0x22 || v == 0x27 || v == 0x201D || v == 0x2019 || v == 0xBB || v == 0x29 || v == 0x5D  // " ' ” ’ » ) ]
    }
    private static func isSeparator(_ v: UInt32) -> Bool {
        v == 0x7C || v == 0xB7 || v == 0x2022 || v == 0xBB || v == 0x203A  // | · • » ›
    }
    private static func isCurrency(_ v: UInt32) -> Bool {
        v == 0x24 || v == 0x20AC || v == 0xA3 || v == 0xA5 || v == 0x20B9  // $ € £ ¥ ₹
    }
    @inline(__always)
    private static func asciiLower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v | 0x20 : v }

    /// Writes the ``LineFeatures/shapeCount`` shape features of unit `u`, whose
    /// stripped text is `a..<b`, into `row`.
    func shapeFeatures(of u: Unit, _ a: Int, _ b: Int, into row: UnsafeMutableBufferPointer<Double>) {
        let s = scalars
        let len = b - a
        let bodyStart = (u.bullet > 0 && len > 1) ? a + 2 : a

        // One pass over the line. Letters, digits and spaces, most of any line, only
        // feed the counters, without a branch; the rarer punctuation and symbols are
        // looked at one by one. Body counts (after a bullet) are the line's minus its
        // first one or two characters'.
        let spaceBit = PythonCharacters.Classes.space.rawValue
        let plainBits = PythonCharacters.Classes.alnum.rawValue | spaceBit
        var nonspace = 0, digits = 0, letters = 0, upper = 0, punctuation = 0
        var question = false, copyrightSign = false, at = false, currency = false, brackets = false
        var separators = 0, slashes = 0
        var sentences = 0
        var digitRun = 0, bestDigitRun = 0
        var mayHoldCopyright = false, mayHoldURL = false
        // \S {2,}(?=\S), non-overlapping: runs of two or more U+0020 between non-spaces.
        var innerGaps = 0, spaceRun = 0, lastWasSolid = false, runAfterSolid = false
        for j in a..<b {
            let v = s[j]
            let raw = classes[j].rawValue
            let space = raw & spaceBit
            nonspace &+= Int(1 &- space)
            digits &+= Int((raw >> 2) & 1)
            letters &+= Int((raw >> 1) & 1)
            upper &+= Int((raw >> 1) & (raw >> 5) & 1)
            if raw & PythonCharacters.Classes.digit.rawValue != 0 {
                // digit_run_max: digits joined by " -.()/+" form one run.
                digitRun += 1
                bestDigitRun = max(bestDigitRun, digitRun)
            } else if digitRun > 0 && (v == 0x20 || v == 0x2D || v == 0x2E || v == 0x28 || v == 0x29 || v == 0x2F || v == 0x2B) {
                // joined
            } else {
                digitRun = 0
            }
            if v == 0x20 {
                if spaceRun == 0 { runAfterSolid = lastWasSolid }
                spaceRun += 1
                lastWasSolid = false
                continue
            }
            let solid = space == 0
            if solid && spaceRun >= 2 && runAfterSolid { innerGaps += 1 }
            spaceRun = 0
            lastWasSolid = solid
            guard raw & plainBits == 0 else { continue }
            // Neither a letter, a digit nor a space: punctuation, a symbol or '_'.
            if v != 0x5F { punctuation += 1 }
            switch v {
            case 0x3F: question = true
            case 0xA9: copyrightSign = true
            case 0x40: at = true
            case 0x5B, 0x5D: brackets = true
            case 0x2F: slashes += 1
            case 0x28: mayHoldCopyright = true
            case 0x3A, 0x2E: mayHoldURL = true
            default: break
            }
            if Self.isCurrency(v) { currency = true }
            if Self.isSeparator(v) { separators += 1 }
            if j + 1 < b && Self.isSentenceEnd(v) && s[j + 1] == 0x20 { sentences += 1 }
        }
        // The body: after a bullet and its space.
        var bodyNonspace = nonspace, punct = punctuation, bodySeparators = separators
        for j in a..<bodyStart {
            let v = s[j]
            let c = classes[j]
            if !c.contains(.space) {
                bodyNonspace -= 1
                if !c.contains(.alnum) && v != 0x5F { punct -= 1 }
            }
            if Self.isSeparator(v) { bodySeparators -= 1 }
        }
        let bodySeparator = bodySeparators > 0
        var firstLetter = bodyStart
        while firstLetter < b && !classes[firstLetter].contains(.alpha) { firstLetter += 1 }
        if firstLetter == b { firstLetter = -1 }
        // Words, two ways at once. For capitalisation, runs of \w characters with
        // ideographs in them; for lengths and years, scan_words' words: the same runs
        // split at each ideograph.
        var letterWords = 0, capitalWords = 0
        var wordLengthSum = 0
        var year = false
        func endWord(_ start: Int, _ end: Int, _ lowered: Int) {
            wordLengthSum += lowered
            if end - start == 4 && lowered == 4 && (start..<end).allSatisfy({ classes[$0].contains(.digit) })
                && ((s[start] == 0x31 && s[start + 1] == 0x39) || (s[start] == 0x32 && s[start + 1] == 0x30)) {
                year = true
            }
        }
        var j = a
        while j < b {
            let first = classes[j]
            guard first.contains(.word) else { j += 1; continue }
            if first.contains(.alpha) {
                letterWords += 1
                if first.contains(.upper) { capitalWords += 1 }
            }
            var start = -1, lowered = 0
            while j < b {
                let c = classes[j]
                guard c.contains(.word) else { break }
                if c.contains(.ideograph) {
                    if start >= 0 { endWord(start, j, lowered) }
                    start = -1
                } else {
                    if start < 0 { start = j; lowered = 0 }
                    lowered += PythonCharacters.lowercasedLength(s[j])
                }
                j += 1
            }
            if start >= 0 { endWord(start, j, lowered) }
        }

        // Terminal character, skipping closing quotes and brackets.
        var e = b - 1
        while e >= a && Self.isCloser(s[e]) { e -= 1 }
        let last: UInt32 = e >= a ? s[e] : 0
        let endsSentence = e >= a && Self.isSentenceEnd(last)
        if endsSentence { sentences += 1 }

        let endsEllipsis = (len >= 3 && s[b - 1] == 0x2E && s[b - 2] == 0x2E && s[b - 3] == 0x2E) || (len >= 1 && s[b - 1] == 0x2026)

        var c = 0
        func put(_ value: Double) { row[c] = value; c += 1 }
        func flag(_ value: Bool) { row[c] = value ? 1 : 0; c += 1 }
        put(Double(u.nw))
        put(SmallLog.log1p(len))
        put(u.words > 0 ? Double(u.stops) / Double(u.words) : 0)
        put(Double(u.stops))
        flag(u.prose)
        flag(u.menuLike)
        flag(u.ideographs >= 2 * u.words)
        flag(endsSentence)
        flag(last == 0x3A)
        flag(last == 0x2C || last == 0x3B)
        flag(endsEllipsis)
        flag(question)
        put(Double(sentences))
        flag(u.bullet == 1)
        flag(u.bullet == 2)
        flag(u.bullet == 3)
        flag(u.bullet == 4)
        flag(u.numbered)
        put(Double(u.indent))
        put(Double(digits) / Double(max(1, nonspace)))
        put(letterWords > 0 ? Double(capitalWords) / Double(letterWords) : 0)
        put(letters > 0 ? Double(upper) / Double(letters) : 0)
        put(Double(punct) / Double(max(1, bodyNonspace)))
        flag(firstLetter >= 0 && classes[firstLetter].contains(.lower))
        put(u.words > 0 ? Double(wordLengthSum) / Double(u.words) : 0)
        put(Double(separators - (u.bullet == 4 ? 1 : 0)))
        put(Double(slashes))
        put(Double(innerGaps))
        flag(copyrightSign || (mayHoldCopyright && containsLowered(s, a, b, "(c)")))
        flag(at)
        flag(mayHoldURL && Self.hasURL(s, classes, a, b))
        flag(bestDigitRun >= 7)
        flag(currency)
        flag(year)
        flag(brackets)
        flag(bodySeparator)
        assert(c == LineFeatures.shapeCount)
    }

    /// Whether `pattern` (ASCII, lower-case) occurs in the line, ASCII letters folded.
    private func containsLowered(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int, _ pattern: StaticString) -> Bool {
        Self.find(s, a, b, pattern, from: a) != nil
    }

    /// First position >= `from` where `pattern` occurs (ASCII letters folded), or nil.
    private static func find(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int, _ pattern: StaticString, from: Int) -> Int? {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard p.count <= b - from else { return nil }
        var i = from
        while i + p.count <= b {
            var k = 0
            while k < p.count && asciiLower(s[i + k]) == UInt32(p[k]) { k += 1 }
            if k == p.count { return i }
            i += 1
        }
        return nil
    }

    /// `has_url`: "http://", "https://" or "www.", or ".com"/".org"/".net" after an
    /// alphanumeric and not followed by one. As in features.py, a top-level domain
    /// whose first occurrence is at the very start of the line is not looked for
    /// further (features.py's search loop stops there).
    ///
    /// One pass that looks only around `:` and `.`, where every such match has one.
    private static func hasURL(_ s: UnsafeBufferPointer<UInt32>, _ classes: UnsafeBufferPointer<PythonCharacters.Classes>, _ a: Int, _ b: Int) -> Bool {
        func lowered(_ i: Int) -> UInt32 { asciiLower(s[i]) }
        func tld(at i: Int) -> Int {      // 1 com, 2 org, 3 net, 0 none; i is the dot
            guard i + 3 < b else { return 0 }
            switch (lowered(i + 1), lowered(i + 2), lowered(i + 3)) {
            case (0x63, 0x6F, 0x6D): return 1
            case (0x6F, 0x72, 0x67): return 2
            case (0x6E, 0x65, 0x74): return 3
            default: return 0
            }
        }
        let skipped = s[a] == 0x2E ? tld(at: a) : 0
        var j = a
        while j < b {
            let v = s[j]
            if v == 0x3A {
                // "http://" or "https://": the colon, two slashes after, the scheme before.
                if j + 2 < b && s[j + 1] == 0x2F && s[j + 2] == 0x2F {
                    if j - 4 >= a && lowered(j - 4) == 0x68 && lowered(j - 3) == 0x74 && lowered(j - 2) == 0x74 && lowered(j - 1) == 0x70 {
                        return true
                    }
                    if j - 5 >= a && lowered(j - 5) == 0x68 && lowered(j - 4) == 0x74 && lowered(j - 3) == 0x74
                        && lowered(j - 2) == 0x70 && lowered(j - 1) == 0x73 {
                        return true
                    }
                }
            } else if v == 0x2E {
                if j - 3 >= a && lowered(j - 3) == 0x77 && lowered(j - 2) == 0x77 && lowered(j - 1) == 0x77 { return true }
                if j > a {
                    let t = tld(at: j)
                    if t != 0 && t != skipped && classes[j - 1].contains(.alnum)
                        && (j + 4 == b || !classes[j + 4].contains(.alnum)) {
                        return true
                    }
                }
            }
            j += 1
        }
        return false
    }
}
