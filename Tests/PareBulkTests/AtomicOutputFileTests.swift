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

@Suite("AtomicOutputFile")
struct AtomicOutputFileTests {
    typealias F = CompressionFixtures

    private func entries(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func commitMakesTheFinalFileAndLeavesNoTemporary() throws {
        try F.withDirectory { directory in
            let path = directory + "/out.jsonl"
            let file = try AtomicOutputFile(path: path)
            // Until the commit only the hidden temporary file exists.
            let temporary = try entries(directory)
            #expect(temporary.count == 1)
            let name = try #require(temporary.first)
            #expect(name.hasPrefix(".out.jsonl.pare-\(getpid())-"))
            #expect(name.hasSuffix(".tmp"))
            #expect(file.temporaryPath == directory + "/" + name)

            let stream = OutputByteStream(fd: file.fd, format: .none, path: path)
            try stream.write(Array("{\"text\":\"hi\"}\n".utf8))
            try stream.finish()
            #expect(!FileManager.default.fileExists(atPath: path))
            try file.commit()
            try file.commit()
            file.discard()

            #expect(try entries(directory) == ["out.jsonl"])
            #expect(try F.rawBytes(path) == Array("{\"text\":\"hi\"}\n".utf8))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let permissions = try #require(attributes[.posixPermissions] as? Int)
            #expect(permissions & 0o600 == 0o600)
        }
    }

    @Test func commitReplacesAnExistingFile() throws {
        try F.withDirectory { directory in
            let path = directory + "/out.txt.zst"
            try F.writeRaw(path, Array("old contents".utf8))
            let file = try AtomicOutputFile(path: path)
            let stream = OutputByteStream(fd: file.fd, format: .zstd, path: path)
            let text = F.textBytes(count: 50_000)
            try stream.write(text)
            try stream.finish()
            // The old file is intact until the commit.
            #expect(try F.rawBytes(path) == Array("old contents".utf8))
            try file.commit()
            #expect(try F.readFile(path) == text)
            #expect(try entries(directory) == ["out.txt.zst"])
        }
    }

    @Test func discardLeavesNothing() throws {
        try F.withDirectory { directory in
            let file = try AtomicOutputFile(path: directory + "/out.txt")
            #expect(write(file.fd, "partial", 7) == 7)
            file.discard()
            file.discard()
            #expect(try entries(directory).isEmpty)
        }
    }

    @Test func deinitWithoutCommitLeavesNothing() throws {
        try F.withDirectory { directory in
            do {
                let file = try AtomicOutputFile(path: directory + "/out.txt")
                #expect(write(file.fd, "partial", 7) == 7)
                #expect(try entries(directory).count == 1)
            }
            #expect(try entries(directory).isEmpty)
        }
    }

    @Test func twoFilesForOneNameGetDistinctTemporaries() throws {
        try F.withDirectory { directory in
            let path = directory + "/same"
            let first = try AtomicOutputFile(path: path)
            let second = try AtomicOutputFile(path: path)
            #expect(first.temporaryPath != second.temporaryPath)
            #expect(try entries(directory).count == 2)
            try second.commit()
            first.discard()
            #expect(try entries(directory) == ["same"])
        }
    }

    @Test func missingDirectoryFailsToOpenNamingTheFinalPath() throws {
        try F.withDirectory { directory in
            let path = directory + "/missing/out.txt"
            let error = #expect(throws: BulkIOError.self) { try AtomicOutputFile(path: path) }
            #expect(error?.kind == .open)
            #expect(error?.path == path)
            #expect(error?.message == "No such file or directory")
        }
    }

    @Test func failedRenameNamesTheFinalPathAndCleansUp() throws {
        try F.withDirectory { directory in
            // A non-empty directory cannot be replaced by a file.
            let path = directory + "/taken"
            try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
            let file = try AtomicOutputFile(path: path)
            let error = #expect(throws: BulkIOError.self) { try file.commit() }
            #expect(error?.kind == .write)
            #expect(error?.path == path)
            #expect(try entries(directory) == ["taken"])
        }
    }
}
