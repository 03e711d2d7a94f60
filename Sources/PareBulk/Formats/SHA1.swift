/// SHA-1 (FIPS 180-4), for the `WARC-Block-Digest` of rewritten WARC records.
///
/// Not for security: WARC digests are integrity checks, and Common Crawl writes them
/// with SHA-1. Small and allocation-free apart from the 20-byte result.
enum SHA1 {
    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The 20-byte SHA-1 digest of `bytes`.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The 20-byte SHA-1 digest of `bytes`.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var h: State = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        let count = bytes.count
        // One scratch area on the stack: 16 schedule words, then two tail blocks.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16 + 32) { scratch in
            let w = scratch.baseAddress!
            var offset = 0
            if let base = bytes.baseAddress {
                while offset + 64 <= count {
                    compress(&h, base + offset, w)
                    offset += 64
                }
            }
            // The last block(s): the remaining bytes, 0x80, zeros, and the length in
            // bits as a 64-bit big-endian number, padded to a multiple of 64 bytes.
            let tail = UnsafeMutableRawBufferPointer(start: w + 16, count: 128)
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            let rest = count - offset
            if rest > 0 {
                tail.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: rest)
            }
            tail[rest] = 0x80
            let blocks = rest + 9 <= 64 ? 1 : 2
            let bitLength = UInt64(count) &* 8
            for k in 0..<8 {
                tail[blocks * 64 - 1 - k] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(k)))
            }
            for block in 0..<blocks {
                compress(&h, UnsafeRawPointer(tail.baseAddress! + block * 64), w)
            }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// Processes one 64-byte block. The message schedule is a 16-word ring in `w`
    /// (each new word depends only on the 16 before it).
    @inline(__always)
    private static func compress(_ h: inout State, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
        }
        var a = h.0, b = h.1, c = h.2, d = h.3, e = h.4

        @inline(__always)
        func schedule(_ t: Int) -> UInt32 {
            if t < 16 { return w[t] }
            let x = w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15]
            let word = x << 1 | x >> 31
            w[t & 15] = word
            return word
        }

        @inline(__always)
        func round(_ f: UInt32, _ k: UInt32, _ word: UInt32) {
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
            e = d
            d = c
            c = b << 30 | b >> 2
            b = a
            a = temp
        }

        // Four loops of 20 rounds, so no round decides its function at run time.
        for t in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, schedule(t)) }
        for t in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, schedule(t)) }
        for t in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, schedule(t)) }
        for t in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, schedule(t)) }

        h.0 &+= a
        h.1 &+= b
        h.2 &+= c
        h.3 &+= d
        h.4 &+= e
    }
}
