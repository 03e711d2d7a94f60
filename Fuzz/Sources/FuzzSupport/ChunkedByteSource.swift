import PareBulk

/// An in-memory ``ByteSource`` that hands out its bytes in reads of random size, so
/// the readers above it meet every kind of chunk boundary: inside a CRLF, inside a
/// multi-byte character, between a WARC header block and its body.
public final class ChunkedByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private var random: SplitMix64
    private let largestRead: Int

    /// - Parameters:
    ///   - bytes: the stream's contents.
    ///   - seed: the seed of the sequence of read sizes.
    ///   - largestRead: the most one read hands out (also capped by the reader's
    ///     buffer); `Int.max` hands out as much as the reader asks for.
    public init(_ bytes: [UInt8], seed: UInt64, largestRead: Int) {
        precondition(largestRead >= 1, "largestRead must be positive")
        self.bytes = bytes
        self.random = SplitMix64(seed: seed)
        self.largestRead = largestRead
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let available = bytes.count - position
        guard available > 0, buffer.count > 0 else { return 0 }
        var size = min(available, buffer.count)
        if largestRead != Int.max {
            size = min(size, Int.random(in: 1...largestRead, using: &random))
        }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + position, byteCount: size)
        }
        position += size
        return size
    }
}
