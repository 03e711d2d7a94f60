/// Splits UTF-8 bytes into words the way the evaluation does (`\w+` runs, Unicode
/// letters, digits, marks and `_`) and lower-cases each word into a reusable buffer,
/// without allocating per word or per line.
///
/// Invalid UTF-8 separates words. Han, Hiragana, Katakana and Thai characters are
/// counted separately (``Counts/ideographs``), since those scripts do not put spaces
/// between words.
struct WordScanner {
    struct Counts {
        var words = 0
        var stopwords = 0
        /// Characters of scripts written without spaces between words.
        var ideographs = 0
        /// The word count the heuristics use: an ideograph is half a word.
        var effectiveWords: Int { words + ideographs / 2 }
        /// A hash of the words (lower-cased) and ideographs in order: lines with the
        /// same words have the same hash. Different words may share one too, so a
        /// match is only a candidate (``WordScanner/appendWordKey(_:_:to:)`` tells).
        var sequenceHash: UInt64 = 0
        /// Bytes that are not white space (``ByteClasses/contentBytes(_:_:)``), which
        /// the tail cut measures the page in: counted here, as the bytes go by, rather
        /// than in a second reading of every line.
        var contentBytes = 0
    }

    /// Longest word kept for the stop-word lookup; a longer word is counted but is no
    /// stop word (the longest in the lists is far shorter).
    /// A power of two: the ASCII loop of ``count(_:_:stopwords:storage:)`` wraps
    /// its index into the storage with it.
    static let maximumWordBytes = 64

    init() {}

    /// Counts the words in `bytes[range]` and how many are in `stopwords`.
    func count(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
               stopwords: StopwordTable) -> Counts {
        // The current word's lower-cased bytes, on the stack: no allocation and no
        // uniqueness check per byte, as an array buffer would cost.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumWordBytes + 4) { storage in
            count(bytes, range, stopwords: stopwords, storage: storage)
        }
    }

    /// Per ASCII byte: its lower-case form if it is a word byte (letter, digit, `_`),
    /// else 0.
    private static let asciiWordBytes: [UInt8] = (0..<128).map { b in
        let byte = UInt8(b)
        guard isASCIIWordByte(byte) else { return 0 }
        return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Per byte: its lower-case form if it is an ASCII word byte, else 0 (so 0 for
    /// every byte of a multi-byte character), for the inner loop of
    /// ``count(_:_:stopwords:storage:)``, which then needs no test for ASCII.
    private static let wordBytes: [UInt8] = (0..<256).map { b in b < 128 ? asciiWordBytes[b] : 0 }

    /// The scan of ``scan(_:_:ascii:wordByte:boundary:ideograph:)``, written out with the
    /// word being read in local variables rather than behind closures, and ASCII words
    /// read in a loop of their own: every byte of every kept line comes through here,
    /// and through the closures the word's length and hash went to memory and back at
    /// each byte (a store into the word's storage might have changed them, as far as
    /// the compiler knew). Same words, same counts.
    private func count(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                       stopwords: StopwordTable, storage: UnsafeMutableBufferPointer<UInt8>) -> Counts {
        Self.wordBytes.withUnsafeBufferPointer { wordBytes in
            var counts = Counts()
            // Bytes of the word so far, including any past the storage (such a word is
            // no stop word), and the ``StopwordTable/hash(_:)`` of all of them.
            var length = 0
            var hash = StopwordTable.hashBasis
            var spaces = 0
            var i = range.lowerBound
            let end = range.upperBound
            let words = storage.baseAddress.unsafelyUnwrapped
            let limit = Self.maximumWordBytes
            while true {
                // The ASCII bytes of a word, the bulk of every page.
                while i < end {
                    let lowered = wordBytes[Int(bytes[i])]
                    if lowered == 0 { break }
                    hash = StopwordTable.hashStep(hash, UInt64(lowered))
                    // Stored without a test of the length: past the storage's end the
                    // index wraps and overwrites the word's start, but such a word is
                    // longer than ``maximumWordBytes`` and no stop word anyway.
                    words[length & (limit - 1)] = lowered
                    length &+= 1
                    i &+= 1
                }
                var ideograph: Unicode.Scalar?
                if i < end {
                    let b = bytes[i]
                    if b < 0x80 {
                        i &+= 1
                        // A run of spaces is one boundary: converted pages indent and
                        // align with them, a third of their bytes.
                        let run = i
                        i = ByteClasses.skipSpaces(bytes, from: i, to: end)
                        spaces &+= i &- run &+ Int(unsafeBitCast(ByteClasses.isSpace(b), to: UInt8.self))
                    } else if let (scalar, scalarLength) = Self.decode(bytes, at: i, end: end) {
                        i &+= scalarLength
                        switch Self.classify(scalar) {
                        case .letter(let lower):
                            Self.appendUTF8(lower, to: words, length: &length, hash: &hash)
                            continue
                        case .letterNeedingMapping:
                            for s in scalar.properties.lowercaseMapping.unicodeScalars {
                                Self.appendUTF8(s, to: words, length: &length, hash: &hash)
                            }
                            continue
                        case .ideograph:
                            ideograph = scalar
                        case .separator:
                            break
                        }
                    } else {
                        i &+= 1   // invalid UTF-8 separates words
                    }
                }
                // A boundary: the word read so far, if any, ends.
                if length != 0 {
                    counts.words += 1
                    counts.sequenceHash = StopwordTable.hashStep(counts.sequenceHash, hash)
                    if length <= limit
                        && stopwords.contains(UnsafeBufferPointer(start: words, count: length), hash: hash) {
                        counts.stopwords += 1
                    }
                    length = 0
                    hash = StopwordTable.hashBasis
                }
                if let scalar = ideograph {
                    counts.ideographs += 1
                    counts.sequenceHash = StopwordTable.hashStep(counts.sequenceHash, UInt64(scalar.value))
                }
                if i >= end { break }
            }
            counts.contentBytes = range.count - spaces
            return counts
        }
    }

    /// Appends the UTF-8 bytes of `s` to the word being read in
    /// ``count(_:_:stopwords:storage:)``.
    @inline(__always)
    private static func appendUTF8(_ s: Unicode.Scalar, to words: UnsafeMutablePointer<UInt8>,
                                   length: inout Int, hash: inout UInt64) {
        appendUTF8(s) { byte in
            hash = StopwordTable.hashStep(hash, UInt64(byte))
            if length < maximumWordBytes { words[length] = byte }
            length &+= 1
        }
    }

    /// Appends the words of `bytes[range]`, lower-cased, to `key`, each followed by a 0
    /// byte (which no word holds), and each ideograph as its own word; returns how many
    /// words and ideographs there were (``Counts/stopwords`` stays 0). Two lines get the
    /// same key exactly when they hold the same words in the same order, whatever
    /// their case, punctuation and spacing.
    func appendWordKey(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to key: inout [UInt8]) -> Counts {
        var counts = Counts()
        var inWord = false
        Self.asciiWordBytes.withUnsafeBufferPointer { ascii in
            _ = Self.scan(bytes, range, ascii: ascii,
                      wordByte: { key.append($0); inWord = true },
                      boundary: {
                          guard inWord else { return }
                          key.append(0)
                          counts.words += 1
                          inWord = false
                      },
                      ideograph: { scalar in
                          Self.appendUTF8(scalar) { key.append($0) }
                          key.append(0)
                          counts.ideographs += 1
                      })
        }
        return counts
    }

    /// The word scan of ``appendWordKey(_:_:to:)`` (``count(_:_:stopwords:)`` has its own
    /// copy, for speed, which must split words the same way): hands each lower-cased
    /// byte of a word to `wordByte`, calls `boundary` wherever a word may end (after
    /// every separator, at an ideograph and at the end; several times in a row where
    /// separators follow each other) and `ideograph` for each ideograph. Returns the
    /// number of white-space bytes (``ByteClasses/isSpace(_:)``, all ASCII).
    @inline(__always)
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                             ascii: UnsafeBufferPointer<UInt8>,
                             wordByte: (UInt8) -> Void, boundary: () -> Void,
                             ideograph: (Unicode.Scalar) -> Void) -> Int {
        var i = range.lowerBound
        let end = range.upperBound
        var spaces = 0
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                let lowered = ascii[Int(b)]
                i += 1
                if lowered != 0 {
                    wordByte(lowered)
                } else {
                    boundary()
                    // A run of spaces is one boundary: converted pages indent and align
                    // with them, a third of their bytes.
                    let run = i
                    i = ByteClasses.skipSpaces(bytes, from: i, to: end)
                    spaces &+= i &- run &+ Int(unsafeBitCast(ByteClasses.isSpace(b), to: UInt8.self))
                }
                continue
            }
            guard let (scalar, length) = decode(bytes, at: i, end: end) else {
                boundary()
                i += 1
                continue
            }
            switch classify(scalar) {
            case .letter(let lower):
                appendUTF8(lower, wordByte)
            case .letterNeedingMapping:
                for s in scalar.properties.lowercaseMapping.unicodeScalars { appendUTF8(s, wordByte) }
            case .ideograph:
                boundary()
                ideograph(scalar)
            case .separator:
                boundary()
            }
            i += length
        }
        boundary()
        return spaces
    }

    @inline(__always)
    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    enum ScalarClass {
        case letter(Unicode.Scalar)   // already lower-case
        case letterNeedingMapping
        case ideograph
        case separator
    }

    /// ``ScalarClass`` of a scalar: from tables below U+A000 (every alphabet with a
    /// case, general punctuation, kana and the common ideographs), from Unicode
    /// properties above. Each property lookup costs tens of nanoseconds, and the
    /// heuristics read every character of every page: with the lookups, scripts other
    /// than ASCII and punctuation such as ’ and – made a tenth of a default run.
    @inline(__always)
    static func classify(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        if v < ScalarTables.lowEnd {
            let entry = ScalarTables.low[Int(v)]
            switch entry {
            case ScalarTables.separator: return .separator
            case ScalarTables.needsMapping: return .letterNeedingMapping
            case ScalarTables.ideograph: return .ideograph
            default: return .letter(Unicode.Scalar(entry).unsafelyUnwrapped)
            }
        }
        if v < ScalarTables.ideographEnd {
            let bit = Int(v - ScalarTables.lowEnd)
            return (ScalarTables.alphabeticIdeographs[bit >> 6] >> UInt64(bit & 63)) & 1 != 0 ? .ideograph : .separator
        }
        return classifyByProperties(s)
    }

    /// The tables ``classify(_:)`` reads, made once from ``classifyByProperties(_:)``,
    /// so that both give the same answer for every scalar.
    private enum ScalarTables {
        /// Entries for U+0000..<lowEnd: a letter's lower-case scalar, or one of the codes
        /// below (none is a scalar value).
        static let lowEnd: UInt32 = 0x2E80
        static let separator: UInt32 = 0xFFFF_FFFF
        static let needsMapping: UInt32 = 0xFFFF_FFFE
        static let ideograph: UInt32 = 0xFFFF_FFFD
        static let low: [UInt32] = (0..<lowEnd).map { v in
            guard let scalar = Unicode.Scalar(v) else { return separator }
            switch classifyByProperties(scalar) {
            case .letter(let lower): return lower.value
            case .letterNeedingMapping: return needsMapping
            case .ideograph: return ideograph
            case .separator: return separator
            }
        }
        /// For lowEnd..<ideographEnd (CJK radicals, kana, ideographs; all ideographs
        /// or separators to ``classifyByProperties(_:)``): one bit, set for an ideograph.
        static let ideographEnd: UInt32 = 0xA000
        static let alphabeticIdeographs: [UInt64] = {
            var bits = [UInt64](repeating: 0, count: Int(ideographEnd - lowEnd + 63) / 64)
            for v in lowEnd..<ideographEnd {
                guard let scalar = Unicode.Scalar(v), case .ideograph = classifyByProperties(scalar) else { continue }
                let bit = Int(v - lowEnd)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            return bits
        }()
    }

    /// Fast paths for Latin-1/Latin Extended, Greek and Cyrillic; Unicode properties
    /// for the rest.
    static func classifyByProperties(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        switch v {
        case 0xC0...0xDE where v != 0xD7:
            return .letter(Unicode.Scalar(v + 0x20)!)
        case 0xDF...0xFF where v != 0xF7:
            return .letter(s)
        case 0x410...0x42F:
            return .letter(Unicode.Scalar(v + 0x20)!)
        case 0x400...0x40F:
            return .letter(Unicode.Scalar(v + 0x50)!)
        case 0x430...0x45F:
            return .letter(s)
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF, 0x0E00...0x0E7F:
            // CJK radicals, kana, CJK ideographs, compatibility ideographs, Thai.
            let p = s.properties
            return p.isAlphabetic ? .ideograph : .separator
        default:
            let p = s.properties
            if p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .nonspacingMark
                || p.generalCategory == .spacingMark || p.generalCategory == .otherNumber
                || p.generalCategory == .letterNumber || p.generalCategory == .connectorPunctuation {
                return p.changesWhenLowercased ? .letterNeedingMapping : .letter(s)
            }
            return .separator
        }
    }

    /// Decodes one valid multi-byte UTF-8 scalar at `i`, or nil if the bytes there are
    /// not valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar, Int)? {
        let b0 = UInt32(bytes[i])
        func cont(_ k: Int) -> UInt32? {
            guard i + k < end else { return nil }
            let c = bytes[i + k]
            return c & 0xC0 == 0x80 ? UInt32(c & 0x3F) : nil
        }
        var value: UInt32
        var length: Int
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { return nil }
            value = (b0 & 0x1F) << 6 | c1; length = 2
        case 0xE0...0xEF:
            guard let c1 = cont(1), let c2 = cont(2) else { return nil }
            value = (b0 & 0x0F) << 12 | c1 << 6 | c2; length = 3
            if value < 0x800 || (value >= 0xD800 && value <= 0xDFFF) { return nil }
        case 0xF0...0xF4:
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return nil }
            value = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3; length = 4
            if value < 0x10000 || value > 0x10FFFF { return nil }
        default:
            return nil
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// Hands the UTF-8 bytes of `s` to `append`, one at a time.
    @inline(__always)
    static func appendUTF8(_ s: Unicode.Scalar, _ append: (UInt8) -> Void) {
        let v = s.value
        if v < 0x80 {
            append(UInt8(v))
        } else if v < 0x800 {
            append(UInt8(0xC0 | v >> 6)); append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            append(UInt8(0xE0 | v >> 12)); append(UInt8(0x80 | (v >> 6) & 0x3F))
            append(UInt8(0x80 | v & 0x3F))
        } else {
            append(UInt8(0xF0 | v >> 18)); append(UInt8(0x80 | (v >> 12) & 0x3F))
            append(UInt8(0x80 | (v >> 6) & 0x3F)); append(UInt8(0x80 | v & 0x3F))
        }
    }
}
