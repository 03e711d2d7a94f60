/// A read-only set of lower-case words (UTF-8 bytes), looked up without allocating.
///
/// Open addressing over FNV-1a hashes into one byte pool; built once from the
/// stop-word lists (one word a line) and shared between threads.
struct StopwordTable: Sendable {
    private var pool: [UInt8] = []
    /// (hash, offset into pool, length); length 0 marks an empty slot.
    private var slots: [(hash: UInt64, offset: Int32, length: Int32)]
    /// Per slot, a byte of its word's hash (never 0), or 0 for an empty slot. The
    /// heuristics look up every word of every page, most of them not stop words:
    /// this array (16 KB for the 3,500 shipped words) stays in the first-level cache,
    /// where the slots (128 KB) do not, and answers most misses alone.
    private var tags: [UInt8]
    private let mask: Int
    /// Number of distinct words.
    private(set) var count = 0
    /// Length in bytes of the longest word.
    private(set) var maximumLength = 0

    init<S: Sequence>(words: S) where S.Element == String {
        self.init(uniqueWords: Set(words.lazy.filter { !$0.isEmpty }.map(Self.lowercasedBytes)))
    }

    /// Parses one-word-a-line lists, ignoring blank lines and `#` comments.
    init(lists: [String]) {
        // Work on bytes: the shipped lists hold some 5,000 words, and String's
        // splitting, lower-casing and ordering cost more than the rest of start-up.
        var unique = Set<[UInt8]>()
        for list in lists {
            for line in list.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
                var word = line[...]
                while let first = word.first, first == 0x20 || first == 0x09 { word = word.dropFirst() }
                while let last = word.last, last == 0x20 || last == 0x09 { word = word.dropLast() }
                guard let first = word.first, first != 0x23 else { continue }   // blank or "#"
                if word.allSatisfy({ $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) }) {
                    unique.insert(Array(word))
                } else {
                    unique.insert(Self.lowercasedBytes(String(Substring(word))))
                }
            }
        }
        self.init(uniqueWords: unique)
    }

    private init(uniqueWords unique: Set<[UInt8]>) {
        var capacity = 16
        // At most a quarter full: most words looked up are no stop words, and a miss
        // probes until an empty slot, which a fuller table makes longer.
        while capacity < unique.count * 4 { capacity <<= 1 }
        slots = Array(repeating: (0, 0, 0), count: capacity)
        tags = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        // In byte order, so that the table is laid out the same on every run.
        for word in unique.sorted(by: { $0.lexicographicallyPrecedes($1) }) { insert(word) }
    }

    /// The UTF-8 of `word` lower-cased, as `String.lowercased()` does it.
    private static func lowercasedBytes(_ word: String) -> [UInt8] {
        let isLower = word.utf8.allSatisfy { $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) }
            || !word.unicodeScalars.contains { $0.properties.changesWhenLowercased }
        return Array((isLower ? word : word.lowercased()).utf8)
    }

    /// The stop words of every language Pare ships, in one table.
    static let defaults = StopwordTable(lists: EmbeddedPatterns.stoplists.map(\.text))

    private mutating func insert(_ word: [UInt8]) {
        let h = Self.hash(word)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].length != 0 { i = (i + 1) & mask }
        slots[i] = (h, Int32(pool.count), Int32(word.count))
        tags[i] = Self.tag(h)
        pool.append(contentsOf: word)
        count += 1
        maximumLength = max(maximumLength, word.count)
    }

    func contains(_ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { contains($0) }
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(word, hash: Self.hash(word))
    }

    /// ``contains(_:)`` for a caller that has already hashed the word with
    /// ``hash(_:)`` (FNV-1a over its bytes).
    ///
    /// Through unsafe pointers: the heuristics look up every word of every page, and
    /// the arrays' bounds and overflow checks cost as much as the probing itself.
    @inline(__always)
    func contains(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Bool {
        let tag = Self.tag(h)
        return tags.withUnsafeBufferPointer { tags in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let found = tags[i]
                if found == 0 { return false }
                if found == tag && matches(word, hash: h, slot: i) { return true }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Whether slot `i` holds `word`, whose hash is `h`: reached only when the tags
    /// agree (a hit, mostly), so out of line.
    private func matches(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot i: Int) -> Bool {
        slots.withUnsafeBufferPointer { slots in
            let slot = slots[i]
            guard slot.hash == h && Int(slot.length) == word.count else { return false }
            return pool.withUnsafeBufferPointer { pool in
                let stored = pool.baseAddress.unsafelyUnwrapped + Int(slot.offset)
                let bytes = word.baseAddress.unsafelyUnwrapped
                var k = 0
                while k < word.count {
                    if stored[k] != bytes[k] { return false }
                    k &+= 1
                }
                return true
            }
        }
    }

    /// The hash's top byte, made non-zero: the slot index comes from its low bits.
    @inline(__always)
    private static func tag(_ h: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: h >> 56) | 1
    }

    @inline(__always)
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = hashBasis
        for b in bytes { h = hashStep(h, UInt64(b)) }
        return h
    }

    /// FNV-1a's offset basis: the hash of nothing (a constant, not a stored global, so
    /// the per-word loops pay no lazy-initialisation check).
    @inline(__always) static var hashBasis: UInt64 { 0xcbf29ce484222325 }

    /// One FNV-1a step, `value` mixed into `h`. Every hash of words in Pare is a chain of
    /// these (a word's bytes, a line's words), so that a word hashed while it is read
    /// finds itself in this table.
    @inline(__always)
    static func hashStep(_ h: UInt64, _ value: UInt64) -> UInt64 { (h ^ value) &* 0x100000001b3 }
}
