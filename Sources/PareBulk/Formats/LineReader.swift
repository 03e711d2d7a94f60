#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines without copying them: each line is handed out as a
/// view into the reader's buffer.
///
/// Lines end at LF (or at the separator given, e.g. NUL for NUL-separated documents).
/// The separator is not part of the line; a CR before it is kept, so callers decide
/// whether CRLF matters to them. A final line without separator is returned if it is
/// not empty, so a file that does or does not end in LF yields the same lines.
///
/// ```swift
/// let reader = LineReader(source: stream, path: "data.jsonl")
/// while let line = try reader.nextLine() {
///     // `line` is valid until the next call to nextLine()
/// }
/// ```
///
/// The buffer grows only for lines longer than it and is reused, so reading a corpus
/// of ordinary lines does not allocate after the first refill.
public final class LineReader {
    /// The file's path as the user gave it, for error messages.
    public let path: String
    /// The longest line accepted, in bytes, without its separator.
    public let maximumLineBytes: Int
    /// The byte that ends a line (LF unless given otherwise).
    public let separator: UInt8
    /// The 1-based number of the line most recently returned (or rejected as too
    /// long); 0 before the first.
    public private(set) var lineNumber = 0
    /// The offset, in the decompressed stream, of the first byte of the line most
    /// recently returned (or rejected as too long).
    public private(set) var byteOffset = 0

    private let source: any ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// First byte not yet handed out.
    private var start = 0
    /// End of the bytes read into the buffer.
    private var end = 0
    /// Bytes in `start..<scanned` are known to hold no separator, so a long line that
    /// needs several refills is searched once, not once per refill.
    private var scanned = 0
    /// Stream offset of `buffer[0]`.
    private var bufferOffset = 0
    private var sourceEnded = false
    /// Set after an over-long line was reported before its end was seen: the next
    /// call skips the rest of it, so a caller may count the error and go on.
    private var skippingOverlongLine = false

    /// Creates a reader of lines.
    ///
    /// - Parameters:
    ///   - source: where the bytes come from (a file, a decompressor, memory).
    ///   - path: the file's path as the user gave it, used in error messages.
    ///   - maximumLineBytes: the longest line accepted; longer lines are reported as
    ///     ``MalformedRecord`` instead of being buffered without bound.
    ///   - separator: the byte that ends a line; LF by default, NUL for
    ///     NUL-separated documents.
    ///   - bufferSize: the initial buffer size; it is also the most asked of the
    ///     source per read.
    public init(
        source: any ByteSource, path: String, maximumLineBytes: Int = 1 << 30,
        separator: UInt8 = 0x0A, bufferSize: Int = 1 << 18
    ) {
        precondition(maximumLineBytes >= 0, "maximumLineBytes must not be negative")
        self.source = source
        self.path = path
        self.maximumLineBytes = maximumLineBytes
        self.separator = separator
        self.capacity = max(bufferSize, 16)
        self.buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line, without its separator.
    ///
    /// The returned view points into the reader's buffer: it stays valid only until
    /// the next call to ``nextLine()`` (or any other reading method) and must be
    /// copied to be kept.
    ///
    /// - Returns: the line's bytes (possibly empty), or nil at the end of the stream.
    /// - Throws: ``RecordReadError/io(_:)`` when the source fails;
    ///   ``RecordReadError/malformed(_:)`` for a line longer than
    ///   ``maximumLineBytes`` (naming path and line number). After that error the
    ///   next call continues with the following line.
    public func nextLine() throws(RecordReadError) -> UnsafeRawBufferPointer? {
        if skippingOverlongLine {
            guard try skipRestOfLine() else { return nil }
        }
        while true {
            if scanned < end, let hit = memchr(buffer + scanned, Int32(separator), end - scanned) {
                let lineEnd = UnsafeMutableRawPointer(buffer).distance(to: hit)
                let lineStart = start
                start = lineEnd + 1
                scanned = start
                return try deliver(from: lineStart, count: lineEnd - lineStart)
            }
            scanned = end
            if sourceEnded {
                guard start < end else { return nil }
                let lineStart = start
                start = end
                return try deliver(from: lineStart, count: end - lineStart)
            }
            if end - start > maximumLineBytes {
                // Report it now rather than buffering up to the separator, which may be
                // gigabytes away (or never come, in a binary file read by mistake).
                lineNumber += 1
                byteOffset = bufferOffset + start
                bufferOffset += end
                start = 0
                end = 0
                scanned = 0
                skippingOverlongLine = true
                throw overlongError()
            }
            try refill()
        }
    }

    // MARK: - Raw bytes (for formats with length-prefixed bodies)

    /// The stream offset of the first byte not yet handed out.
    var position: Int { bufferOffset + start }

    /// Appends up to `count` bytes that follow the last line to `output`, bypassing
    /// line splitting (for WARC bodies, whose length is given in a header).
    ///
    /// - Returns: the number of bytes appended; less than `count` only at the end of
    ///   the stream.
    /// - Throws: ``RecordReadError/io(_:)`` when the source fails.
    func readBytes(_ count: Int, appendingTo output: inout [UInt8]) throws(RecordReadError) -> Int {
        var remaining = count
        while remaining > 0 {
            if start == end {
                if sourceEnded { break }
                try refill()
                continue
            }
            let take = min(remaining, end - start)
            output.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: take))
            start += take
            remaining -= take
        }
        if scanned < start { scanned = start }
        return count - remaining
    }

    // MARK: - Private

    @inline(__always)
    private func deliver(from lineStart: Int, count: Int) throws(RecordReadError) -> UnsafeRawBufferPointer {
        lineNumber += 1
        byteOffset = bufferOffset + lineStart
        // A long line that arrived whole in one refill is only noticed here; it is
        // already consumed, so the next call simply goes on.
        if count > maximumLineBytes { throw overlongError() }
        return UnsafeRawBufferPointer(start: buffer + lineStart, count: count)
    }

    private func overlongError() -> RecordReadError {
        .malformed(MalformedRecord(
            path: path, line: lineNumber, byteOffset: byteOffset,
            message: "line longer than \(maximumLineBytes) bytes"))
    }

    /// Discards bytes up to and including the next separator.
    ///
    /// - Returns: false if the stream ended first.
    private func skipRestOfLine() throws(RecordReadError) -> Bool {
        while true {
            if start < end, let hit = memchr(buffer + start, Int32(separator), end - start) {
                start = UnsafeMutableRawPointer(buffer).distance(to: hit) + 1
                scanned = start
                skippingOverlongLine = false
                return true
            }
            bufferOffset += end
            start = 0
            end = 0
            scanned = 0
            if sourceEnded {
                skippingOverlongLine = false
                return false
            }
            try refill()
        }
    }

    /// Moves the unconsumed bytes to the front, grows the buffer if a partial line
    /// fills it, and reads once from the source.
    private func refill() throws(RecordReadError) {
        if start > 0 {
            let remaining = end - start
            // Only the partial line at the end is moved, a few bytes per refill in
            // the usual case.
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            bufferOffset += start
            scanned -= start
            end = remaining
            start = 0
        }
        if end == capacity {
            // Only a line longer than the buffer gets here; the limit (+1 byte, so an
            // over-long line can be told apart from one exactly at the limit) caps it.
            let doubled = capacity > Int.max / 2 ? Int.max : capacity * 2
            let limit = maximumLineBytes == Int.max ? Int.max : maximumLineBytes + 1
            let newCapacity = max(min(doubled, limit), capacity + 1)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        let count: Int
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(
                start: buffer + end, count: capacity - end))
        } catch {
            throw .io(error)
        }
        if count == 0 {
            sourceEnded = true
        } else {
            end += count
        }
    }
}
