/// Finds the end of a run of bytes that need no attention inside a JSON string, eight
/// bytes at a time.
///
/// Inside a string only `"`, `\`, control characters (< 0x20) and non-ASCII bytes
/// (>= 0x80, whose UTF-8 must be checked) need a closer look; prose is mostly made of
/// other bytes, so skipping them a word at a time is what makes scanning and
/// encoding fast.
enum JSONByteRuns {
    /// The index of the first byte at or after `i` that is `"`, `\`, below 0x20 or at
    /// least 0x80, or `n` if there is none.
    @inline(__always)
    static func firstSpecial(_ p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        var i = i
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            // Classic "has zero byte" tricks: (x - 0x01..) & ~x has the high bit set in
            // each zero byte of x. Borrows can also flag bytes *above* a real hit, never
            // below one, so the lowest flagged byte is always a true hit.
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            var hits = (quote &- ones) & ~quote
            hits |= (backslash &- ones) & ~backslash
            hits |= (w &- ones &* 0x20) & ~w  // bytes below 0x20
            hits |= w  // bytes with the high bit set
            hits &= highs
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let b = p[i]
            if b == 0x22 || b == 0x5C || b < 0x20 || b >= 0x80 { return i }
            i += 1
        }
        return n
    }
}
