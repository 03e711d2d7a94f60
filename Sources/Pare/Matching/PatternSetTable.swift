/// An immutable map from packed dispatch keys to pattern sets: open addressing with a
/// multiplicative hash, for the per-line lookups of ``FirstWordDispatch`` (a
/// `Dictionary` lookup hashes with SipHash, several times the cost of the probe).
struct PatternSetTable: Sendable {
    private let keys: [UInt64]
    private let values: [FirstWordDispatch.PatternSet]
    private let shift: UInt64
    /// A key no packed key can equal (packed keys are below 2^63).
    private static let empty = UInt64.max

    init(_ entries: [UInt64: FirstWordDispatch.PatternSet]) {
        // Load factor at most one half: short probe runs.
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        var keys = [UInt64](repeating: Self.empty, count: capacity)
        var values = [FirstWordDispatch.PatternSet](repeating: FirstWordDispatch.PatternSet(), count: capacity)
        shift = 64 - bits
        for (key, value) in entries {
            var slot = Self.slot(key, shift)
            while keys[slot] != Self.empty { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The set filed under `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> FirstWordDispatch.PatternSet? {
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
