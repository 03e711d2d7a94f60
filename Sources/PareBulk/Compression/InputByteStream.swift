#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import CZstd

/// A file or standard input, decompressed on the fly when it is gzip or zstd.
///
/// The format is recognised from the first bytes, not the name, so `pages.jsonl` that is
/// really gzip, or gzip arriving on a pipe, still reads as text. The sniffed bytes are
/// kept and handed to the decoder rather than re-read with a seek, because pipes cannot
/// seek.
///
/// Concatenated gzip members (as in Common Crawl `.warc.wet.gz` files, one member per
/// record) and concatenated zstd frames read as one stream. A stream that stops before
/// its codec says it is complete throws ``BulkIOError/Kind/truncated`` instead of
/// quietly ending, so a half-downloaded corpus is noticed.
///
/// Not thread-safe: one reader at a time. The input chunk buffer is allocated once, and
/// ``read(into:)`` allocates nothing.
public final class InputByteStream: ByteSource {
    /// The path as the caller gave it, or `<stdin>` for `-`; used in error messages.
    public let path: String
    /// How the file is compressed, as recognised from its first bytes.
    public private(set) var format: CompressionFormat
    /// Bytes read from the file itself (compressed bytes for gzip and zstd), for
    /// progress against ``totalRawSize``.
    public private(set) var rawBytesRead: Int = 0
    /// The file's size when it is a regular file; `nil` for pipes, terminals, devices.
    public let totalRawSize: Int?

    /// Size of the compressed-input chunk: large enough that read(2) calls are rare,
    /// small enough to stay in cache while the decoder walks it.
    static let chunkSize = 256 * 1024

    private var fd: Int32
    /// Standard input is not ours to close: the process may still use descriptor 0.
    private let closesDescriptor: Bool
    /// Raw bytes read but not yet consumed: `chunk[chunkStart..<chunkEnd]`.
    private var chunk: UnsafeMutableRawBufferPointer
    private var chunkStart = 0
    private var chunkEnd = 0
    /// read(2) has returned 0: no more raw bytes will come.
    private var rawEnded = false
    /// Set after a failure so later reads repeat it instead of decoding garbage.
    private var failure: BulkIOError?

    /// zlib state; heap-allocated because zlib keeps a pointer back to it and checks it.
    private var zlibStream: UnsafeMutablePointer<z_stream>?
    /// The current gzip member reached Z_STREAM_END; another may follow.
    private var gzipMemberEnded = false
    private var zstdContext: OpaquePointer?
    /// The last ZSTD_decompressStream result: 0 exactly when a frame just ended, which
    /// is the only place the input may stop without being truncated.
    private var zstdLastResult = 1

    /// Opens a file, or standard input for `-`, and recognises its compression.
    ///
    /// Reads up to ``CompressionFormat/sniffLength`` bytes at once (looping over short
    /// pipe reads), so opening may block until a pipe's writer has produced them.
    ///
    /// - Parameters:
    ///   - path: A file path, or `-` for standard input (reported as `<stdin>`).
    /// - Throws: ``BulkIOError`` of kind `.open` when the file cannot be opened or is a
    ///   directory, `.read` when its first bytes cannot be read.
    public convenience init(path: String) throws(BulkIOError) {
        if path == "-" {
            try self.init(descriptor: 0, path: "<stdin>", closesDescriptor: false)
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let error = FileDescriptorIO.SystemError(code: errno)
            throw BulkIOError(.open, path: path, message: error.message)
        }
        try self.init(descriptor: fd, path: path, closesDescriptor: true)
    }

    /// Reads from a descriptor that is already open (standard input, a pipe in tests).
    ///
    /// - Parameters:
    ///   - fd: The descriptor, positioned where the stream starts.
    ///   - path: The name to use in error messages.
    ///   - closesDescriptor: Whether ``close()`` and deinit close `fd`. When the
    ///     initializer throws, a descriptor it owns is closed before the throw.
    /// - Throws: ``BulkIOError`` of kind `.open` for a directory, `.read` when the first
    ///   bytes cannot be read, `.corrupt` when the decoder cannot be set up.
    init(descriptor fd: Int32, path: String, closesDescriptor: Bool) throws(BulkIOError) {
        self.fd = fd
        self.path = path
        self.closesDescriptor = closesDescriptor
        self.format = .none
        self.chunk = .allocate(byteCount: Self.chunkSize, alignment: 16)

        var info = stat()
        if fstat(fd, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                // open(2) accepts a directory with O_RDONLY; fail here, where the
                // message can say why, rather than at the first read.
                self.totalRawSize = nil
                releaseResources()
                throw BulkIOError(.open, path: path, message: String(cString: strerror(EISDIR)))
            }
            self.totalRawSize = type == S_IFREG ? Int(info.st_size) : nil
        } else {
            self.totalRawSize = nil
        }

        do {
            // A pipe may deliver the magic number over several reads.
            while chunkEnd < CompressionFormat.sniffLength, !rawEnded {
                try fillChunk()
            }
        } catch {
            releaseResources()
            throw error
        }
        format = CompressionFormat.sniff(UnsafeRawBufferPointer(rebasing: chunk[chunkStart..<chunkEnd]))

        switch format {
        case .none:
            break
        case .gzip:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // 15 + 16: the largest window, and accept only the gzip wrapper, which is
            // what was sniffed; raw deflate or zlib streams are not gzip files.
            let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deinitialize(count: 1)
                stream.deallocate()
                releaseResources()
                throw BulkIOError(.corrupt, path: path, message: "cannot start gzip decoder (zlib error \(status))")
            }
            zlibStream = stream
        case .zstd:
            guard let context = ZSTD_createDCtx() else {
                releaseResources()
                throw BulkIOError(.corrupt, path: path, message: "cannot start zstd decoder (out of memory)")
            }
            zstdContext = context
        }
    }

    deinit {
        releaseResources()
    }

    /// Fills `buffer` with decompressed bytes.
    ///
    /// Returns as soon as some bytes are available rather than filling the whole buffer,
    /// so a reader of a slow pipe sees data as it arrives. After a failure, every later
    /// call throws the same error.
    ///
    /// - Parameters:
    ///   - buffer: Where the bytes go. An empty buffer returns 0 without reading.
    /// - Returns: The number of bytes stored; 0 only at the end of the stream (or for
    ///   an empty `buffer`).
    /// - Throws: ``BulkIOError`` of kind `.read` (I/O error, with the system's message),
    ///   `.corrupt` (the codec's message) or `.truncated` ("truncated gzip stream",
    ///   "truncated zstd stream").
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        precondition(fd >= 0, "InputByteStream.read(into:) after close()")
        if let failure { throw failure }
        guard buffer.count > 0 else { return 0 }
        do {
            switch format {
            case .none: return try readPlain(into: buffer)
            case .gzip: return try readGzip(into: buffer)
            case .zstd: return try readZstd(into: buffer)
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Closes the file (unless it is standard input) and frees the decoder and buffer.
    ///
    /// Safe to call more than once; deinit calls it too. Reading after closing is a
    /// programming error.
    public func close() {
        releaseResources()
    }

    // MARK: - Plain

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let pending = chunkEnd - chunkStart
        if pending > 0 {
            // Hand over the sniffed bytes first.
            let count = min(pending, buffer.count)
            buffer.baseAddress!.copyMemory(from: chunk.baseAddress! + chunkStart, byteCount: count)
            chunkStart += count
            return count
        }
        if rawEnded { return 0 }
        // Nothing to decode: read straight into the caller's buffer, saving a copy.
        let count: Int
        do {
            count = try FileDescriptorIO.readSome(fd, into: buffer)
        } catch {
            throw BulkIOError(.read, path: path, message: error.message)
        }
        rawBytesRead += count
        if count == 0 { rawEnded = true }
        return count
    }

    // MARK: - gzip

    private func readGzip(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let stream = zlibStream!
        // zlib counts in 32 bits; a larger buffer is simply filled in part.
        let capacity = min(buffer.count, Int(UInt32.max))
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)

        while true {
            if chunkStart == chunkEnd, !rawEnded {
                try fillChunk()
                continue
            }
            if gzipMemberEnded {
                if chunkStart == chunkEnd {
                    // rawEnded here: the last member was complete, a clean end.
                    return capacity - Int(stream.pointee.avail_out)
                }
                // Some writers pad after the last member with zero bytes (tape blocks,
                // preallocated files); gzip(1) ignores them, and so do we.
                if chunk[chunkStart] == 0 {
                    while chunkStart < chunkEnd, chunk[chunkStart] == 0 { chunkStart += 1 }
                    continue
                }
                // More data: the next member. If it is not gzip, inflate says so.
                inflateReset(stream)
                gzipMemberEnded = false
            }

            let available = chunkEnd - chunkStart
            stream.pointee.next_in = (chunk.baseAddress! + chunkStart).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(available)
            let status = inflate(stream, Z_NO_FLUSH)
            chunkStart += available - Int(stream.pointee.avail_in)
            let produced = capacity - Int(stream.pointee.avail_out)

            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                gzipMemberEnded = true
            case Z_BUF_ERROR:
                // No progress possible. With input left to fetch that just means
                // "give me more"; with none left the member is cut short.
                if produced == 0, chunkStart == chunkEnd, rawEnded {
                    throw BulkIOError(.truncated, path: path, message: "truncated gzip stream")
                }
            case Z_MEM_ERROR:
                throw BulkIOError(.read, path: path, message: "out of memory while decoding gzip")
            case Z_NEED_DICT:
                throw BulkIOError(.corrupt, path: path, message: "corrupt gzip stream: needs a preset dictionary")
            default:
                throw BulkIOError(.corrupt, path: path, message: "corrupt gzip stream: \(zlibMessage(stream, status: status))")
            }
            if produced > 0 { return produced }
        }
    }

    private func zlibMessage(_ stream: UnsafeMutablePointer<z_stream>, status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        return "zlib error \(status)"
    }

    // MARK: - zstd

    private func readZstd(into buffer: UnsafeMutableRawBufferPointer) throws(BulkIOError) -> Int {
        let context = zstdContext!
        var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)

        while true {
            if chunkStart == chunkEnd, !rawEnded {
                try fillChunk()
                continue
            }
            let available = chunkEnd - chunkStart
            if available == 0, zstdLastResult == 0 {
                // rawEnded, and the last frame was complete: a clean end.
                return 0
            }
            // With no input left the call still runs: the decoder may hold output that
            // did not fit last time. Only if it yields nothing is the frame cut short.
            var input = ZSTD_inBuffer(src: chunk.baseAddress! + chunkStart, size: available, pos: 0)
            let result = ZSTD_decompressStream(context, &output, &input)
            if ZSTD_isError(result) != 0 {
                let name = String(cString: ZSTD_getErrorName(result))
                throw BulkIOError(.corrupt, path: path, message: "corrupt zstd stream: \(name)")
            }
            chunkStart += input.pos
            zstdLastResult = result
            if output.pos > 0 { return output.pos }
            if available == 0, input.pos == 0 {
                throw BulkIOError(.truncated, path: path, message: "truncated zstd stream")
            }
        }
    }

    // MARK: - Raw input

    /// Replaces the consumed chunk with the next raw bytes, or notes the end of input.
    ///
    /// Keeps unconsumed bytes (only ever the sniffed prefix while it is being gathered)
    /// by appending after them.
    private func fillChunk() throws(BulkIOError) {
        if chunkStart == chunkEnd {
            chunkStart = 0
            chunkEnd = 0
        }
        let space = UnsafeMutableRawBufferPointer(rebasing: chunk[chunkEnd...])
        let count: Int
        do {
            count = try FileDescriptorIO.readSome(fd, into: space)
        } catch {
            throw BulkIOError(.read, path: path, message: error.message)
        }
        rawBytesRead += count
        chunkEnd += count
        if count == 0 { rawEnded = true }
    }

    private func releaseResources() {
        if fd >= 0 {
            if closesDescriptor { FileDescriptorIO.closeDescriptor(fd) }
            fd = -1
        }
        if let stream = zlibStream {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            zlibStream = nil
        }
        if let context = zstdContext {
            ZSTD_freeDCtx(context)
            zstdContext = nil
        }
        if chunk.count > 0 {
            chunk.deallocate()
            chunk = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        }
    }
}
