/// SplitMix64: a small, fast random number generator whose sequence depends only on
/// its seed, so a test that fails names a seed that reproduces it. Shared by every
/// test target.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `count` random bytes, from whole 64-bit words (tests run unoptimised, and a
    /// loop per byte is slow there).
    public mutating func bytes(_ count: Int) -> [UInt8] {
        let words = (count + 7) / 8
        var bytes = [UInt8](repeating: 0, count: words * 8)
        bytes.withUnsafeMutableBytes { raw in
            let output = raw.bindMemory(to: UInt64.self)
            for index in 0..<words { output[index] = next() }
        }
        return Array(bytes.prefix(count))
    }
}
