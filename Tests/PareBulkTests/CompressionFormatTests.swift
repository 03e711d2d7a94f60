import Testing
@testable import PareBulk

@Suite("CompressionFormat")
struct CompressionFormatTests {
    private func sniff(_ bytes: [UInt8]) -> CompressionFormat {
        bytes.withUnsafeBytes { CompressionFormat.sniff($0) }
    }

    @Test func sniffsGzipMagic() {
        #expect(sniff([0x1F, 0x8B]) == .gzip)
        #expect(sniff([0x1F, 0x8B, 0x08, 0x00, 0x00]) == .gzip)
    }

    @Test func sniffsZstdFrameAndSkippableFrames() {
        #expect(sniff([0x28, 0xB5, 0x2F, 0xFD]) == .zstd)
        #expect(sniff([0x28, 0xB5, 0x2F, 0xFD, 0x24]) == .zstd)
        #expect(sniff([0x50, 0x2A, 0x4D, 0x18, 0, 0, 0, 0]) == .zstd)
        #expect(sniff([0x5F, 0x2A, 0x4D, 0x18]) == .zstd)
        #expect(sniff([0x60, 0x2A, 0x4D, 0x18]) == .none)
    }

    @Test func sniffsEverythingElseAsNone() {
        #expect(sniff([]) == .none)
        #expect(sniff([0x1F]) == .none)
        #expect(sniff([0x1F, 0x8C]) == .none)
        #expect(sniff([0x28, 0xB5, 0x2F]) == .none)
        #expect(sniff(Array("WARC/1.0\r\n".utf8)) == .none)
        #expect(sniff(Array("{\"text\":1}".utf8)) == .none)
    }

    @Test func choosesFormatFromFileName() {
        #expect(CompressionFormat.forFileName("out.jsonl.gz") == .gzip)
        #expect(CompressionFormat.forFileName("/data/CC-MAIN-1.warc.wet.GZ") == .gzip)
        #expect(CompressionFormat.forFileName("out.jsonl.zst") == .zstd)
        #expect(CompressionFormat.forFileName("out.zstd") == .zstd)
        #expect(CompressionFormat.forFileName("out.jsonl") == .none)
        #expect(CompressionFormat.forFileName("out.tgz") == .none)
        #expect(CompressionFormat.forFileName("-") == .none)
        #expect(CompressionFormat.forFileName("gz") == .none)
    }

    @Test func fileExtensionsRoundTripThroughForFileName() {
        #expect(CompressionFormat.none.fileExtension == nil)
        #expect(CompressionFormat.gzip.fileExtension == "gz")
        #expect(CompressionFormat.zstd.fileExtension == "zst")
        for format in CompressionFormat.allCases {
            let name = "pages.jsonl" + (format.fileExtension.map { "." + $0 } ?? "")
            #expect(CompressionFormat.forFileName(name) == format)
        }
    }
}
