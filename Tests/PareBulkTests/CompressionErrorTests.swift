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

@Suite("Compression errors")
struct CompressionErrorTests {
    typealias F = CompressionFixtures

    @Test(arguments: [1, 4, 8, 9, 0])
    func truncatedGzipIsReported(cut: Int) throws {
        let original = F.textBytes(count: 120_000)
        try F.withDirectory { directory in
            let path = directory + "/cut.gz"
            try F.writeFile(path, original, format: .gzip)
            let whole = try F.rawBytes(path)
            // 0 stands for half the file.
            try F.writeRaw(path, Array(whole.dropLast(cut > 0 ? cut : whole.count / 2)))
            let error = try #require(F.readError(path))
            #expect(error.kind == .truncated)
            #expect(error.message == "truncated gzip stream")
            #expect(error.description == "\(path): truncated gzip stream")
        }
    }

    @Test func truncatedSecondGzipMemberIsReported() throws {
        let original = F.textBytes(count: 10_000)
        try F.withDirectory { directory in
            let path = directory + "/cut2.gz"
            try F.writeFile(path, original, format: .gzip)
            let member = try F.rawBytes(path)
            // Only the magic number of a second member: still a cut-off stream.
            try F.writeRaw(path, member + [0x1F, 0x8B])
            let error = try #require(F.readError(path))
            #expect(error.kind == .truncated)
        }
    }

    @Test(arguments: [1, 4, 5, 0])
    func truncatedZstdIsReported(cut: Int) throws {
        let original = F.textBytes(count: 120_000)
        try F.withDirectory { directory in
            let path = directory + "/cut.zst"
            try F.writeFile(path, original, format: .zstd)
            let whole = try F.rawBytes(path)
            // 0 stands for half the file.
            try F.writeRaw(path, Array(whole.dropLast(cut > 0 ? cut : whole.count / 2)))
            let error = try #require(F.readError(path))
            #expect(error.kind == .truncated)
            #expect(error.message == "truncated zstd stream")
            #expect(error.path == path)
        }
    }

    @Test(arguments: [CompressionFormat.gzip, .zstd], [0, 1])
    func corruptBytesInTheMiddleAreReported(format: CompressionFormat, kindOfData: Int) throws {
        let original = kindOfData == 0 ? F.textBytes(count: 200_000) : F.randomBytes(count: 200_000)
        try F.withDirectory { directory in
            let path = directory + "/corrupt"
            try F.writeFile(path, original, format: format)
            var bytes = try F.rawBytes(path)
            let middle = bytes.count / 2
            for index in middle..<(middle + 16) { bytes[index] ^= 0x5A }
            try F.writeRaw(path, bytes)
            let error = try #require(F.readError(path))
            #expect(error.kind == .corrupt || error.kind == .truncated)
            #expect(error.description.hasPrefix(path + ": "))
            if error.kind == .corrupt {
                #expect(error.message.hasPrefix("corrupt \(format.rawValue) stream: "))
            }
        }
    }

    @Test func garbageAfterAGzipMemberIsCorrupt() throws {
        try F.withDirectory { directory in
            let path = directory + "/garbage.gz"
            try F.writeFile(path, F.textBytes(count: 1000), format: .gzip)
            try F.writeRaw(path, try F.rawBytes(path) + Array("not gzip at all".utf8))
            let error = try #require(F.readError(path))
            #expect(error.kind == .corrupt)
            #expect(error.message == "corrupt gzip stream: incorrect header check")
        }
    }

    @Test func errorsRepeatOnLaterReads() throws {
        try F.withDirectory { directory in
            let path = directory + "/again.zst"
            try F.writeFile(path, F.textBytes(count: 1000), format: .zstd)
            try F.writeRaw(path, Array(try F.rawBytes(path).dropLast(3)))
            let stream = try InputByteStream(path: path)
            let first = #expect(throws: BulkIOError.self) { try F.readAll(stream) }
            let second = #expect(throws: BulkIOError.self) { try F.readAll(stream) }
            #expect(first == second)
        }
    }

    @Test func missingFileFailsToOpenNamingIt() throws {
        try F.withDirectory { directory in
            let path = directory + "/no-such-file.jsonl.gz"
            let error = #expect(throws: BulkIOError.self) { try InputByteStream(path: path) }
            #expect(error?.kind == .open)
            #expect(error?.path == path)
            #expect(error?.message == "No such file or directory")
        }
    }

    @Test func directoryFailsToOpen() throws {
        try F.withDirectory { directory in
            let error = #expect(throws: BulkIOError.self) { try InputByteStream(path: directory) }
            #expect(error?.kind == .open)
            #expect(error?.message == "Is a directory")
        }
    }

    @Test(arguments: CompressionFormat.allCases)
    func fullDiskIsAWriteError(format: CompressionFormat) throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        let stream = OutputByteStream(fd: fd, format: format, path: "/dev/full")
        let error = #expect(throws: BulkIOError.self) {
            // Small writes are only buffered; the failure shows by finish() at the latest.
            try stream.write(Array("hello\n".utf8))
            try stream.finish()
        }
        #expect(error?.kind == .write)
        #expect(error?.message == "No space left on device")
        #expect(error?.description == "/dev/full: No space left on device")

        let big = OutputByteStream(fd: fd, format: format, path: "/dev/full")
        let bigError = #expect(throws: BulkIOError.self) {
            // More than the stream's 256 KiB buffers, so write() itself must fail.
            try big.write(F.randomBytes(count: 600_000))
        }
        #expect(bigError?.kind == .write)
        // The failure sticks instead of writing a damaged stream later.
        #expect(throws: BulkIOError.self) { try big.finish() }
    }

    @Test(arguments: CompressionFormat.allCases)
    func closedReaderIsAClosedPipe(format: CompressionFormat) throws {
        // As the pare command does, so that a vanished reader gives EPIPE, not death.
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let stream = OutputByteStream(fd: ends[1], format: format, path: "<stdout>")
        let error = #expect(throws: BulkIOError.self) {
            try stream.write(F.textBytes(count: 10_000))
            try stream.finish()
        }
        #expect(error?.kind == .closedPipe)
        #expect(error?.path == "<stdout>")
    }
}
