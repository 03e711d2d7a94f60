/// FNV-1a over an input's bytes: a seed that depends on the whole input, so the choices
/// a target derives from it (chunk sizes, buffer sizes) are the same every time that
/// input is replayed, and change when libFuzzer mutates it.
public enum InputHash {
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
