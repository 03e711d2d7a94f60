import Foundation
import Testing
@testable import PareBulk

/// The streams against the system `gzip` and `zstd` tools, so that our files open with
/// standard tools and theirs (Common Crawl's, users') open with ours.
@Suite("Compression interop with gzip(1) and zstd(1)")
struct CompressionInteropTests {
    typealias F = CompressionFixtures

    @Test func decodesConcatenatedGzipMembersFromTheGzipTool() throws {
        let gzip = try F.tool("gzip")
        let first = F.textBytes(count: 150_000)
        let second = F.randomBytes(count: 70_000)
        try F.withDirectory { directory in
            try F.writeRaw(directory + "/a", first)
            try F.writeRaw(directory + "/b", second)
            try F.run(gzip, ["-c", "-n", directory + "/a"], output: directory + "/a.gz")
            try F.run(gzip, ["-c", "-9", directory + "/b"], output: directory + "/b.gz")
            let joined = try F.rawBytes(directory + "/a.gz") + F.rawBytes(directory + "/b.gz")
            try F.writeRaw(directory + "/ab.gz", joined)
            #expect(try F.readFile(directory + "/ab.gz") == first + second)
            #expect(try F.readFile(directory + "/ab.gz", bufferSizes: [1, 7, 3]).count == first.count + second.count)
        }
    }

    @Test func decodesConcatenatedZstdFramesFromTheZstdTool() throws {
        let zstd = try F.tool("zstd")
        let first = F.textBytes(count: 150_000)
        let second = F.randomBytes(count: 70_000)
        try F.withDirectory { directory in
            try F.writeRaw(directory + "/a", first)
            try F.writeRaw(directory + "/b", second)
            try F.run(zstd, ["-q", "-c", directory + "/a"], output: directory + "/a.zst")
            try F.run(zstd, ["-q", "-c", "-19", "--no-check", directory + "/b"], output: directory + "/b.zst")
            let joined = try F.rawBytes(directory + "/a.zst") + F.rawBytes(directory + "/b.zst")
            try F.writeRaw(directory + "/ab.zst", joined)
            #expect(try F.readFile(directory + "/ab.zst") == first + second)
        }
    }

    @Test func gzipToolDecodesOurOutput() throws {
        let gzip = try F.tool("gzip")
        let original = F.textBytes(count: 400_000) + F.randomBytes(count: 300_000)
        try F.withDirectory { directory in
            try F.writeFile(directory + "/ours.gz", original, format: .gzip)
            try F.run(gzip, ["-dc", directory + "/ours.gz"], output: directory + "/decoded")
            #expect(try F.rawBytes(directory + "/decoded") == original)
            // And two of our members back to back, read from standard input.
            let member = try F.rawBytes(directory + "/ours.gz")
            try F.writeRaw(directory + "/twice.gz", member + member)
            try F.run(gzip, ["-dc"], input: directory + "/twice.gz", output: directory + "/decoded2")
            #expect(try F.rawBytes(directory + "/decoded2") == original + original)
        }
    }

    @Test func zstdToolDecodesOurOutput() throws {
        let zstd = try F.tool("zstd")
        let original = F.textBytes(count: 400_000) + F.randomBytes(count: 300_000)
        try F.withDirectory { directory in
            try F.writeFile(directory + "/ours.zst", original, format: .zstd)
            try F.run(zstd, ["-q", "-dc", directory + "/ours.zst"], output: directory + "/decoded")
            #expect(try F.rawBytes(directory + "/decoded") == original)
            try F.writeFile(directory + "/empty.zst", [], format: .zstd)
            try F.run(zstd, ["-q", "-dc", directory + "/empty.zst"], output: directory + "/decoded-empty")
            #expect(try F.rawBytes(directory + "/decoded-empty").isEmpty)
        }
    }
}
