import CZlib
import CZstd

/// How every compressor here sets up its codec, in one place, so that a streamed
/// output (``OutputByteStream``) and a batch compressed in memory (``BlockCompressor``)
/// come out the same way.
enum CompressorSetup {
    /// Starts a gzip deflate stream: the largest window (15) plus 16 for a gzip header
    /// and CRC trailer instead of zlib's, so gzip(1) and every .gz reader accept it;
    /// memLevel 8 is zlib's default.
    ///
    /// - Parameter level: nil for 6, zlib's default; clamped to 0...9.
    static func startGzip(_ stream: UnsafeMutablePointer<z_stream>, level: Int32?) {
        let chosen = min(max(level ?? 6, 0), 9)
        let status = deflateInit2_(stream, chosen, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed (zlib error \(status))")
    }

    /// A zstd compression context with the level and a content checksum (as the zstd
    /// tool writes by default, so corruption is reported by readers instead of
    /// producing wrong text).
    ///
    /// - Parameter level: nil for 3, zstd's default; clamped to the library's range.
    static func zstdContext(level: Int32?) -> OpaquePointer {
        guard let context = ZSTD_createCCtx() else { preconditionFailure("ZSTD_createCCtx failed (out of memory)") }
        let chosen = min(max(level ?? 3, ZSTD_minCLevel()), ZSTD_maxCLevel())
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, chosen)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        return context
    }
}
