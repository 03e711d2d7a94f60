import Foundation
import Testing
@testable import PareBulk

/// Batches compressed one by one, in memory, must read back as one stream: with our
/// reader and with the gzip and zstd tools.
@Suite("Block compressor")
struct BlockCompressorTests {
    @Test(arguments: [CompressionFormat.gzip, .zstd])
    func concatenatedBlocksReadBackAsOneStream(format: CompressionFormat) throws {
        let blocks = [CompressionFixtures.textBytes(count: 100_000), [], CompressionFixtures.randomBytes(count: 70_000),
                      Array("last block\n".utf8)]
        var file: [UInt8] = []
        for block in blocks { file += BlockCompressor.compress(block, format: format) }
        try CompressionFixtures.withDirectory { directory in
            let path = directory + "/blocks." + (format.fileExtension ?? "bin")
            try CompressionFixtures.writeRaw(path, file)
            #expect(try CompressionFixtures.readFile(path, bufferSizes: [1, 4_096, 65_536]) == blocks.flatMap { $0 })
            let decoded = directory + "/decoded"
            try CompressionFixtures.run(try CompressionFixtures.tool(format == .gzip ? "gzip" : "zstd"),
                                        ["-dc", "-q"], input: path, output: decoded)
            #expect(try CompressionFixtures.rawBytes(decoded) == blocks.flatMap { $0 })
        }
    }

    @Test func noneLeavesTheBytesAlone() {
        #expect(BlockCompressor.compress([1, 2, 3], format: .none) == [1, 2, 3])
    }

    @Test(arguments: [CompressionFormat.gzip, .zstd])
    func anEmptyBlockIsAValidStream(format: CompressionFormat) throws {
        let empty = BlockCompressor.compress([], format: format)
        #expect(!empty.isEmpty)
        #expect(CompressionFormat.sniff(empty.withUnsafeBytes { $0 }) == format)
    }
}
