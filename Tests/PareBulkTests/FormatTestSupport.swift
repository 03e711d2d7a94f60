import PareTestSupport
@testable import PareBulk

/// An in-memory ``ByteSource`` that hands out its bytes in chunks of random size
/// (deterministic for a seed), to exercise readers at every chunk boundary.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private var random: SplitMix64
    private let chunkSizes: ClosedRange<Int>

    /// - Parameters:
    ///   - bytes: the stream's contents.
    ///   - chunkSizes: how many bytes each read hands out at most (also capped by
    ///     the reader's buffer).
    ///   - seed: the seed of the chunk-size sequence.
    init(_ bytes: [UInt8], chunkSizes: ClosedRange<Int> = 1...Int.max, seed: UInt64 = 1) {
        self.bytes = bytes
        self.chunkSizes = chunkSizes
        self.random = SplitMix64(seed: seed)
    }

    convenience init(_ text: String, chunkSizes: ClosedRange<Int> = 1...Int.max, seed: UInt64 = 1) {
        self.init(Array(text.utf8), chunkSizes: chunkSizes, seed: seed)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let available = bytes.count - position
        guard available > 0, buffer.count > 0 else { return 0 }
        var size = min(available, buffer.count)
        if chunkSizes.upperBound != Int.max {
            let span = UInt64(chunkSizes.upperBound - chunkSizes.lowerBound + 1)
            size = min(size, chunkSizes.lowerBound + Int(random.next() % span))
        }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: size)
        }
        position += size
        return size
    }
}

/// A source that hands out some bytes and then fails, as a broken gzip stream would.
final class FailingSource: ByteSource {
    private let prefix: MemorySource

    init(after bytes: [UInt8]) {
        prefix = MemorySource(bytes)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let count = try prefix.read(into: buffer)
        if count == 0 { throw BulkIOError(.corrupt, path: "broken.gz", message: "invalid compressed data") }
        return count
    }
}


/// The malformed-record error a throwing call produced, or nil.
func malformedError<T>(_ body: () throws -> T) -> MalformedRecord? {
    do {
        _ = try body()
        return nil
    } catch RecordReadError.malformed(let record) {
        return record
    } catch {
        return nil
    }
}
