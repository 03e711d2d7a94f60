import PareTestSupport
import Foundation
@testable import PareBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared helpers for the compression tests: scratch directories, deterministic data,
/// writing and reading through the streams, and running the system gzip/zstd tools.
enum CompressionFixtures {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with a fresh directory under the system temporary directory, and
    /// removes it afterwards whatever happens.
    static func withDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("pare-compression-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// Incompressible bytes from a seeded generator, so failures reproduce.
    static func randomBytes(count: Int, seed: UInt64 = 0x5EED) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return random.bytes(count)
    }

    /// Compressible, text-like bytes (numbered lines of words, some non-ASCII).
    static func textBytes(count: Int) -> [UInt8] {
        precondition(count <= sampleText.count)
        return Array(sampleText.prefix(count))
    }

    /// Built once, from bytes rather than strings: string building is slow in
    /// unoptimized test builds.
    private static let sampleText: [UInt8] = {
        let words = ["pare", "boilerplate", "cookie", "banner", "Zürich", "navigation",
                     "article", "texte", "статья", "footer", "share", "subscribe"]
            .map { Array($0.utf8) }
        let target = 1_200_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(target + 200)
        var line = 0
        while bytes.count < target {
            var digits = line
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            } while digits > 0
            bytes[start...].reverse()
            bytes.append(UInt8(ascii: ":"))
            for i in 0..<(3 + line % 9) {
                bytes.append(UInt8(ascii: " "))
                bytes.append(contentsOf: words[(line * 7 + i * 3) % words.count])
            }
            bytes.append(UInt8(ascii: "\n"))
            line += 1
        }
        return bytes
    }()

    /// Writes `bytes` to a new file through ``OutputByteStream``, in uneven pieces so that
    /// both the buffering path and the large-write path are used.
    static func writeFile(_ path: String, _ bytes: [UInt8], format: CompressionFormat,
                          level: Int32? = nil) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(0o644))
        guard fd >= 0 else { throw Failure(description: "cannot create \(path)") }
        defer { close(fd) }
        let stream = OutputByteStream(fd: fd, format: format, path: path, level: level)
        try appendPieces(bytes, to: stream)
        try stream.finish()
        guard stream.bytesWritten == bytes.count else {
            throw Failure(description: "bytesWritten \(stream.bytesWritten) != \(bytes.count)")
        }
    }

    /// Feeds `bytes` to `stream` in pieces of growing sizes, including one bigger than
    /// the stream's buffer.
    static func appendPieces(_ bytes: [UInt8], to stream: OutputByteStream) throws {
        let sizes = [1, 7, 100, 4096, 70_000, 300_000, 13]
        var offset = 0
        var turn = 0
        while offset < bytes.count {
            let size = min(sizes[turn % sizes.count], bytes.count - offset)
            if turn % 2 == 0 {
                try stream.write(bytes[offset..<(offset + size)])
            } else {
                try stream.write(Array(bytes[offset..<(offset + size)]))
            }
            offset += size
            turn += 1
        }
    }

    /// Reads a stream to its end with buffers whose sizes cycle through `bufferSizes`.
    static func readAll(_ stream: InputByteStream, bufferSizes: [Int] = [65_536]) throws -> [UInt8] {
        var result: [UInt8] = []
        let largest = bufferSizes.max()!
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: largest, alignment: 1)
        defer { buffer.deallocate() }
        var turn = 0
        while true {
            let size = bufferSizes[turn % bufferSizes.count]
            turn += 1
            let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size]))
            if count == 0 { return result }
            guard count <= size else { throw Failure(description: "read returned \(count) > \(size)") }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Opens `path` with ``InputByteStream`` and reads it all.
    static func readFile(_ path: String, bufferSizes: [Int] = [65_536]) throws -> [UInt8] {
        let stream = try InputByteStream(path: path)
        defer { stream.close() }
        return try readAll(stream, bufferSizes: bufferSizes)
    }

    /// The raw bytes of a file, without decompression.
    static func rawBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        return [UInt8](data)
    }

    /// Writes raw bytes to a file, without compression.
    static func writeRaw(_ path: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(path)")
        }
    }

    /// The path of a system tool, looked up in the usual places.
    static func tool(_ name: String) throws -> String {
        for directory in ["/usr/bin", "/bin", "/usr/local/bin"] {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Failure(description: "\(name) not found")
    }

    /// Runs a tool with standard input from `input` (or nothing) and standard output into
    /// the file `output`, and fails unless it exits with 0.
    static func run(_ tool: String, _ arguments: [String], input: String? = nil, output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        guard let outputHandle = FileHandle(forWritingAtPath: output) else {
            throw Failure(description: "cannot open \(output)")
        }
        defer { try? outputHandle.close() }
        process.standardOutput = outputHandle
        if let input {
            guard let inputHandle = FileHandle(forReadingAtPath: input) else {
                throw Failure(description: "cannot open \(input)")
            }
            process.standardInput = inputHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments) exited with \(process.terminationStatus)")
        }
    }

    /// Reads `path` expecting a ``BulkIOError``, and returns it.
    static func readError(_ path: String) -> BulkIOError? {
        do {
            _ = try readFile(path)
            return nil
        } catch let error as BulkIOError {
            return error
        } catch {
            return nil
        }
    }
}
