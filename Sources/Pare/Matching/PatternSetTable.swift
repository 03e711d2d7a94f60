/// An immutable map from packed dispatch keys to pattern sets: open addressing with a
/// multiplicative hash, for the per-line lookups of ``FirstWordDispatch`` (a
/// `Dictionary` lookup hashes with SipHash, several times the cost of the probe).
///
/// Most lookups find nothing (a line's first word seldom begins like a label), so a
/// bit per hash of the keys, in 2 KB that stay in the first-level cache, answers most
/// of them before the table (two slots or more per key, each with a 128-byte set) is
/// read at all.
struct PatternSetTable: Sendable {
    private let keys: [UInt64]
    private let values: [FirstWordDispatch.PatternSet]
    private let shift: UInt64
    /// A key no packed key can equal (no packed key has all 64 bits set).
    private static let empty = UInt64.max
    /// Bit `filterBit(k)` is set for every key `k` in the table.
    private let filter: [UInt64]
    private static let filterBits: UInt64 = 14

    init(_ entries: [UInt64: FirstWordDispatch.PatternSet]) {
        // Load factor at most one half: short probe runs.
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        var keys = [UInt64](repeating: Self.empty, count: capacity)
        var values = [FirstWordDispatch.PatternSet](repeating: FirstWordDispatch.PatternSet(), count: capacity)
        shift = 64 - bits
        var filter = [UInt64](repeating: 0, count: 1 << (Int(Self.filterBits) - 6))
        for (key, value) in entries {
            let bit = Self.filterBit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            var slot = Self.slot(key, shift)
            while keys[slot] != Self.empty { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        self.filter = filter
    }

    /// A hash of `key` independent of ``slot(_:_:)``'s (another multiplier).
    @inline(__always)
    private static func filterBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> (64 - filterBits))
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The set filed under `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> FirstWordDispatch.PatternSet? {
        let bit = Self.filterBit(key)
        guard filter.withUnsafeBufferPointer({ ($0[bit >> 6] >> UInt64(bit & 63)) & 1 }) != 0 else { return nil }
        let mask = keys.count - 1
        var slot = Self.slot(key, shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
