#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import CZstd

/// Buffered, optionally compressing writes to a file descriptor.
///
/// Writes are gathered in a buffer and handed to the compressor (or to write(2)) in
/// large blocks, so writing a document a line at a time costs little. Call ``finish()``
/// at the end: it ends the gzip member or zstd frame and writes everything still
/// buffered. Without it the output is incomplete.
///
/// The stream does not own its descriptor and never closes it: the caller may keep
/// writing to it (standard output) or hand it to ``AtomicOutputFile`` to commit. Several
/// streams written one after another to the same descriptor produce concatenated gzip
/// members or zstd frames, which readers treat as one stream.
///
/// Not thread-safe: one writer at a time. Buffers are allocated once, in the initializer.
public final class OutputByteStream {
    /// The descriptor written to; not closed by this stream.
    public let fd: Int32
    /// How the bytes are compressed.
    public let format: CompressionFormat
    /// The name used in error messages (`<stdout>` for standard output).
    public let path: String
    /// Uncompressed bytes accepted by ``write(_:)-(UnsafeRawBufferPointer)`` so far.
    public private(set) var bytesWritten: Int = 0

    /// Buffer size for both gathered input and compressed output: big enough that a
    /// write(2) or compressor call per block is negligible, small enough for cache.
    static let bufferSize = 256 * 1024

    /// Uncompressed bytes gathered but not yet compressed or written:
    /// `pending[0..<pendingCount]`.
    private let pending: UnsafeMutableRawBufferPointer
    private var pendingCount = 0
    /// Compressed bytes not yet written: `compressed[0..<compressedCount]`; unused for
    /// plain output.
    private let compressed: UnsafeMutableRawBufferPointer
    private var compressedCount = 0

    /// zlib state; heap-allocated because zlib keeps a pointer back to it and checks it.
    private var zlibStream: UnsafeMutablePointer<z_stream>?
    private var zstdContext: OpaquePointer?
    private var finished = false
    /// Set after a failure so later calls repeat it instead of writing a damaged stream.
    private var failure: BulkIOError?

    /// Prepares to write to `fd`.
    ///
    /// - Parameters:
    ///   - fd: An open, writable descriptor. It is not closed by this stream.
    ///   - format: The compression to apply.
    ///   - path: The name for error messages, e.g. the output file's path or `<stdout>`.
    ///   - level: The compression level; `nil` for the default (gzip 6, zstd 3). Values
    ///     out of the codec's range are clamped to it (gzip 0...9, zstd
    ///     `ZSTD_minCLevel()...ZSTD_maxCLevel()`); ignored for `.none`.
    public init(fd: Int32, format: CompressionFormat, path: String, level: Int32? = nil) {
        self.fd = fd
        self.format = format
        self.path = path
        self.pending = .allocate(byteCount: Self.bufferSize, alignment: 16)
        self.compressed = format == .none
            ? UnsafeMutableRawBufferPointer(start: nil, count: 0)
            : .allocate(byteCount: Self.bufferSize, alignment: 16)

        switch format {
        case .none:
            break
        case .gzip:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            CompressorSetup.startGzip(stream, level: level)
            zlibStream = stream
        case .zstd:
            zstdContext = CompressorSetup.zstdContext(level: level)
        }
    }

    deinit {
        if let stream = zlibStream {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        if let context = zstdContext {
            ZSTD_freeCCtx(context)
        }
        pending.deallocate()
        if compressed.count > 0 { compressed.deallocate() }
    }

    /// Accepts bytes for writing.
    ///
    /// Small writes are only copied into the buffer; the system call and compression
    /// happen when it fills. Writing after ``finish()`` is a programming error.
    ///
    /// - Parameters:
    ///   - bytes: The uncompressed bytes; copied before returning.
    /// - Throws: ``BulkIOError`` of kind `.closedPipe` when the reader went away (EPIPE;
    ///   the process is expected to ignore SIGPIPE), `.write` for other failures with
    ///   the system's message (e.g. "No space left on device"). After a failure every
    ///   later call throws the same error.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(BulkIOError) {
        precondition(!finished, "OutputByteStream.write after finish()")
        if let failure { throw failure }
        let count = bytes.count
        guard count > 0 else { return }
        do {
            if pendingCount + count <= pending.count {
                (pending.baseAddress! + pendingCount).copyMemory(from: bytes.baseAddress!, byteCount: count)
                pendingCount += count
            } else {
                try drainPending()
                if count >= pending.count {
                    // Big enough on its own: skip the copy into the buffer.
                    try consume(bytes)
                } else {
                    pending.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: count)
                    pendingCount = count
                }
            }
        } catch {
            failure = error
            throw error
        }
        bytesWritten += count
    }

    /// Accepts bytes for writing; see ``write(_:)-(UnsafeRawBufferPointer)``.
    ///
    /// - Parameters:
    ///   - bytes: The uncompressed bytes.
    /// - Throws: ``BulkIOError`` as for the buffer-pointer variant.
    public func write(_ bytes: [UInt8]) throws(BulkIOError) {
        // withUnsafeBytes only rethrows untyped errors; carry the typed one out.
        var failure: BulkIOError?
        bytes.withUnsafeBytes { raw in
            do throws(BulkIOError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Accepts bytes for writing; see ``write(_:)-(UnsafeRawBufferPointer)``.
    ///
    /// - Parameters:
    ///   - bytes: The uncompressed bytes.
    /// - Throws: ``BulkIOError`` as for the buffer-pointer variant.
    public func write(_ bytes: ArraySlice<UInt8>) throws(BulkIOError) {
        // withUnsafeBytes only rethrows untyped errors; carry the typed one out.
        var failure: BulkIOError?
        bytes.withUnsafeBytes { raw in
            do throws(BulkIOError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Compresses and writes everything buffered, and ends the gzip member or zstd frame.
    ///
    /// Calling it again does nothing (or rethrows an earlier failure). It does not
    /// close or sync the descriptor.
    ///
    /// - Throws: ``BulkIOError`` of kind `.closedPipe` or `.write`, as for
    ///   ``write(_:)-(UnsafeRawBufferPointer)``.
    public func finish() throws(BulkIOError) {
        if let failure { throw failure }
        if finished { return }
        do {
            try drainPending()
            switch format {
            case .none:
                break
            case .gzip:
                try finishGzip()
            case .zstd:
                try finishZstd()
            }
            try flushCompressed()
        } catch {
            failure = error
            finished = true
            throw error
        }
        finished = true
    }

    // MARK: - Internals

    private func drainPending() throws(BulkIOError) {
        guard pendingCount > 0 else { return }
        try consume(UnsafeRawBufferPointer(rebasing: pending[0..<pendingCount]))
        pendingCount = 0
    }

    /// Compresses (or, for plain output, writes) `bytes` in full.
    private func consume(_ bytes: UnsafeRawBufferPointer) throws(BulkIOError) {
        switch format {
        case .none:
            try writeOut(bytes)
        case .gzip:
            try deflateAll(bytes)
        case .zstd:
            try compressZstd(bytes, directive: ZSTD_e_continue)
        }
    }

    private func deflateAll(_ bytes: UnsafeRawBufferPointer) throws(BulkIOError) {
        let stream = zlibStream!
        var offset = 0
        while offset < bytes.count {
            // zlib counts in 32 bits; feed very large writes in slices.
            let slice = min(bytes.count - offset, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: (bytes.baseAddress! + offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(slice)
            while stream.pointee.avail_in > 0 {
                try deflateStep(stream, flush: Z_NO_FLUSH)
            }
            offset += slice
        }
    }

    private func finishGzip() throws(BulkIOError) {
        let stream = zlibStream!
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try deflateStep(stream, flush: Z_FINISH) != Z_STREAM_END {}
    }

    /// Runs deflate once into the free part of the output buffer, writing the buffer
    /// out when it is full.
    @discardableResult
    private func deflateStep(_ stream: UnsafeMutablePointer<z_stream>, flush: Int32) throws(BulkIOError) -> Int32 {
        if compressedCount == compressed.count { try flushCompressed() }
        let space = compressed.count - compressedCount
        stream.pointee.next_out = (compressed.baseAddress! + compressedCount).assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(space)
        let status = deflate(stream, flush)
        compressedCount += space - Int(stream.pointee.avail_out)
        // Z_BUF_ERROR only means no progress was possible this call, which the loops
        // above resolve by emptying the output buffer; anything else is a bug.
        precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
                     "deflate failed (zlib error \(status))")
        return status
    }

    private func compressZstd(_ bytes: UnsafeRawBufferPointer, directive: ZSTD_EndDirective) throws(BulkIOError) {
        let context = zstdContext!
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while true {
            if compressedCount == compressed.count { try flushCompressed() }
            var output = ZSTD_outBuffer(
                dst: compressed.baseAddress, size: compressed.count, pos: compressedCount)
            let remaining = ZSTD_compressStream2(context, &output, &input, directive)
            precondition(ZSTD_isError(remaining) == 0,
                         "ZSTD_compressStream2 failed: \(String(cString: ZSTD_getErrorName(remaining)))")
            compressedCount = output.pos
            if directive == ZSTD_e_end {
                // 0 means the frame is complete and fully flushed to our buffer.
                if remaining == 0 { return }
            } else if input.pos == input.size {
                return
            }
        }
    }

    private func finishZstd() throws(BulkIOError) {
        try compressZstd(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end)
    }

    private func flushCompressed() throws(BulkIOError) {
        guard compressedCount > 0 else { return }
        try writeOut(UnsafeRawBufferPointer(rebasing: compressed[0..<compressedCount]))
        compressedCount = 0
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) throws(BulkIOError) {
        do {
            try FileDescriptorIO.writeAll(fd, bytes)
        } catch {
            // A filter whose reader quit (`pare ... | head`) should stop quietly;
            // callers tell this apart from a real failure by the kind.
            let kind: BulkIOError.Kind = error.code == EPIPE ? .closedPipe : .write
            throw BulkIOError(kind, path: path, message: error.message)
        }
    }
}
