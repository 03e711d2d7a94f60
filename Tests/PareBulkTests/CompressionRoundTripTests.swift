import Foundation
import Testing
@testable import PareBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Compression round trips")
struct CompressionRoundTripTests {
    typealias F = CompressionFixtures

    @Test(arguments: CompressionFormat.allCases, [0, 1, 4095, 1_300_000])
    func randomBytesRoundTrip(format: CompressionFormat, size: Int) throws {
        let original = F.randomBytes(count: size, seed: UInt64(size) &+ 17)
        try F.withDirectory { directory in
            let path = directory + "/data.bin"
            try F.writeFile(path, original, format: format)
            let stream = try InputByteStream(path: path)
            defer { stream.close() }
            // An empty plain file has nothing to sniff; compressed empty files still
            // carry a header.
            #expect(stream.format == (size == 0 && format == .none ? .none : format))
            let decoded = try F.readAll(stream)
            #expect(decoded == original)
            let rawSize = try F.rawBytes(path).count
            #expect(stream.totalRawSize == rawSize)
            #expect(stream.rawBytesRead == rawSize)
            // The end stays the end.
            #expect(try F.readAll(stream).isEmpty)
        }
    }

    @Test(arguments: CompressionFormat.allCases)
    func textRoundTripWithLevels(format: CompressionFormat) throws {
        try F.withDirectory { directory in
            // Out-of-range levels are clamped. zstd's top level (22, what 100 becomes)
            // sets up a 128 MiB window and takes ~0.4 s even for tiny input, so only
            // gzip tries it.
            let levels: [Int32?] = format == .zstd ? [nil, 1, 9, -100] : [nil, 1, 9, 100, -100]
            for level in levels {
                let original = F.textBytes(count: level == nil ? 1_100_000 : 30_000)
                let path = directory + "/text.txt"
                try F.writeFile(path, original, format: format, level: level)
                #expect(try F.readFile(path) == original)
                if format != .none, (level ?? 1) > 0 {
                    // Text compresses: proof that the codec ran, not a plain copy.
                    #expect(try F.rawBytes(path).count < original.count / 2)
                }
            }
        }
    }

    @Test(arguments: CompressionFormat.allCases)
    func tinyReadBuffers(format: CompressionFormat) throws {
        let original = F.textBytes(count: 60_000) + F.randomBytes(count: 20_000)
        try F.withDirectory { directory in
            let path = directory + "/tiny"
            try F.writeFile(path, original, format: format)
            #expect(try F.readFile(path, bufferSizes: [1, 2, 3, 4, 5, 6, 7]) == original)
            #expect(try F.readFile(path, bufferSizes: [1]) == original)
        }
    }

    @Test func emptyFileIsPlainAndEmpty() throws {
        try F.withDirectory { directory in
            let path = directory + "/empty"
            try F.writeRaw(path, [])
            let stream = try InputByteStream(path: path)
            #expect(stream.format == .none)
            #expect(stream.totalRawSize == 0)
            #expect(try F.readAll(stream).isEmpty)
            stream.close()
            stream.close()
        }
    }

    @Test func shortPlainFilesAreNotMistakenForCompressed() throws {
        try F.withDirectory { directory in
            for bytes: [UInt8] in [[0x1F], [0x28, 0xB5, 0x2F], Array("ab".utf8), [0]] {
                let path = directory + "/short"
                try F.writeRaw(path, bytes)
                let stream = try InputByteStream(path: path)
                #expect(stream.format == .none)
                #expect(try F.readAll(stream, bufferSizes: [1]) == bytes)
            }
        }
    }

    @Test func formatIsSniffedNotTakenFromTheName() throws {
        let original = F.textBytes(count: 5000)
        try F.withDirectory { directory in
            let misnamed = directory + "/pages.jsonl"
            try F.writeFile(misnamed, original, format: .zstd)
            let plainNamedGz = directory + "/pages.jsonl.gz"
            try F.writeFile(plainNamedGz, original, format: .none)
            let zstdStream = try InputByteStream(path: misnamed)
            #expect(zstdStream.format == .zstd)
            #expect(try F.readAll(zstdStream) == original)
            let plainStream = try InputByteStream(path: plainNamedGz)
            #expect(plainStream.format == .none)
            #expect(try F.readAll(plainStream) == original)
        }
    }

    @Test(arguments: [CompressionFormat.gzip, .zstd])
    func concatenatedStreamsReadAsOne(format: CompressionFormat) throws {
        // Like a .warc.wet.gz: one member (or frame) per record, some empty.
        var pieces: [[UInt8]] = []
        for index in 0..<60 {
            pieces.append(index % 10 == 3 ? [] : F.textBytes(count: 200 + index * 37))
        }
        pieces.append(F.randomBytes(count: 300_000))
        try F.withDirectory { directory in
            let path = directory + "/members"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(0o644))
            #expect(fd >= 0)
            for piece in pieces {
                // A stream per member, all writing to one descriptor that outlives them.
                let stream = OutputByteStream(fd: fd, format: format, path: path)
                try stream.write(piece)
                try stream.finish()
                try stream.finish()
            }
            close(fd)
            let expected = pieces.flatMap { $0 }
            #expect(try F.readFile(path) == expected)
            #expect(try F.readFile(path, bufferSizes: [3, 5, 4096]) == expected)
        }
    }

    @Test func zeroPaddingAfterGzipMembersIsIgnored() throws {
        let original = F.textBytes(count: 3000)
        try F.withDirectory { directory in
            let path = directory + "/padded.gz"
            try F.writeFile(path, original, format: .gzip)
            let member = try F.rawBytes(path)
            try F.writeRaw(path, member + [UInt8](repeating: 0, count: 1000) + member
                + [UInt8](repeating: 0, count: 300_000))
            #expect(try F.readFile(path) == original + original)
        }
    }

    @Test func zstdSkippableFrameIsSkipped() throws {
        let original = F.textBytes(count: 3000)
        try F.withDirectory { directory in
            let path = directory + "/skippable.zst"
            try F.writeFile(path, original, format: .zstd)
            let frame = try F.rawBytes(path)
            // Magic 0x184D2A53 little-endian, payload length 5, payload.
            let skippable: [UInt8] = [0x53, 0x2A, 0x4D, 0x18, 5, 0, 0, 0, 1, 2, 3, 4, 5]
            try F.writeRaw(path, skippable + frame + skippable)
            let stream = try InputByteStream(path: path)
            #expect(stream.format == .zstd)
            #expect(try F.readAll(stream) == original)

            // A file of nothing but a skippable frame is a complete, empty stream.
            try F.writeRaw(path, skippable)
            let onlySkippable = try InputByteStream(path: path)
            #expect(onlySkippable.format == .zstd)
            #expect(try F.readAll(onlySkippable).isEmpty)
        }
    }

    @Test(arguments: CompressionFormat.allCases)
    func readsFromAPipeWithoutSeeking(format: CompressionFormat) throws {
        let original = F.textBytes(count: 200_000)
        let encoded = try F.withDirectory { directory in
            let path = directory + "/piped"
            try F.writeFile(path, original, format: format)
            return try F.rawBytes(path)
        }
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // The writer dribbles out the magic number a byte at a time, so sniffing must
        // gather it over several reads.
        let writer = Thread {
            encoded.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let size = offset < 4 ? 1 : min(65_536, raw.count - offset)
                    let n = write(writeEnd, raw.baseAddress! + offset, size)
                    if n <= 0 { break }
                    offset += n
                    if offset < 4 { usleep(2000) }
                }
            }
            close(writeEnd)
        }
        writer.start()
        let stream = try InputByteStream(descriptor: readEnd, path: "<pipe>", closesDescriptor: true)
        #expect(stream.format == format)
        #expect(stream.totalRawSize == nil)
        #expect(try F.readAll(stream, bufferSizes: [7, 100_000]) == original)
        #expect(stream.rawBytesRead == encoded.count)
        stream.close()
    }

    @Test func outputBufferingKeepsByteCounts() throws {
        try F.withDirectory { directory in
            let path = directory + "/counts.gz"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(0o644))
            defer { close(fd) }
            let stream = OutputByteStream(fd: fd, format: .gzip, path: path)
            #expect(stream.bytesWritten == 0)
            let line = Array("a short line\n".utf8)
            for _ in 0..<10_000 { try stream.write(line) }
            try stream.write([])
            #expect(stream.bytesWritten == 10_000 * line.count)
            try stream.finish()
            #expect(stream.bytesWritten == 10_000 * line.count)
            #expect(try F.readFile(path).count == 10_000 * line.count)
        }
    }
}
