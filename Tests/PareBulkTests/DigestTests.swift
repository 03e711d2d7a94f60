import Testing
@testable import PareBulk

@Suite("SHA-1 and Base32")
struct DigestTests {
    func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    func sha1(_ text: String) -> String { hex(SHA1.hash(Array(text.utf8))) }

    @Test func fipsVectors() {
        #expect(sha1("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(sha1("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func paddingEdges() {
        // Lengths around the block and padding boundaries, from Python's hashlib.
        let expected: [(Int, String)] = [
            (55, "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
            (56, "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
            (63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5"),
            (64, "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
            (65, "11655326c708d70319be2610e8a57d9a5b959d3b"),
            (119, "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56"),
            (120, "f34c1488385346a55709ba056ddd08280dd4c6d6"),
        ]
        for (count, digest) in expected {
            #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: count))) == digest)
        }
        let allBytes = (0..<1280).map { UInt8(truncatingIfNeeded: $0) }
        #expect(hex(SHA1.hash(allBytes)) == "e37a04cb2353309f5cff4ee036cfb91a5e31cefd")
    }

    @Test func base32RFC4648Vectors() {
        let vectors = [
            ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
        ]
        for (input, output) in vectors {
            #expect(String(decoding: Base32.encode(Array(input.utf8)), as: UTF8.self) == output)
        }
    }

    @Test func warcDigestOfEmptyBody() {
        // base64.b32encode(hashlib.sha1(b"").digest())
        #expect(String(decoding: Base32.encode(SHA1.hash([])), as: UTF8.self)
                == "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
    }
}
