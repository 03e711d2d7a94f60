#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PareBulk

/// One unnamed temporary file per process, rewritten for each input, through which a
/// target reaches the code that only reads by path (``InputByteStream``).
///
/// The file is unlinked as soon as it is created, so nothing is left behind however
/// the process ends; it is reopened through `/proc/self/fd` (Linux only, as libFuzzer
/// builds of Swift are).
public final class ScratchFile: @unchecked Sendable {
    /// Written and read on libFuzzer's single thread only.
    public static let shared = ScratchFile()

    public let descriptor: Int32

    private init() {
        var template = Array("/tmp/pare-fuzz-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fatalError("cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    /// A path that opens the file afresh, from its start.
    public var path: String { "/proc/self/fd/\(descriptor)" }

    /// Empties the file, ready for writing from its start.
    public func truncate() {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            fatalError("cannot truncate the temporary file: \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces the file's contents with `bytes`, written through an
    /// ``OutputByteStream`` that compresses them as `format` says, in pieces of the
    /// sizes `pieces` picks (as a runner writes records).
    public func write(_ bytes: [UInt8], format: CompressionFormat, pieces random: inout SplitMix64) {
        truncate()
        let stream = OutputByteStream(fd: descriptor, format: format, path: "fuzz-scratch")
        do {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...4096, using: &random))
                try stream.write(bytes[start..<end])
                start = end
            }
            try stream.finish()
        } catch {
            fatalError("cannot write the temporary file: \(error)")
        }
    }
}
