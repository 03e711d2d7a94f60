import CZlib
import CZstd

/// Compresses one block of bytes into a complete gzip member or zstd frame, in memory.
///
/// Workers compress their own batch of output this way, in parallel; the members and
/// frames are then written one after another, which both formats define as one stream
/// (gzip: concatenated members; zstd: concatenated frames), and every reader here and
/// the `gzip`/`zstd` tools read them as such. Batches are cut the same way for any
/// number of workers, so the compressed output is the same for any `-j` too.
enum BlockCompressor {
    /// `bytes` compressed as one gzip member or zstd frame; `bytes` itself for `.none`.
    ///
    /// - Parameters:
    ///   - level: as ``OutputByteStream``: nil for the default (gzip 6, zstd 3).
    static func compress(_ bytes: [UInt8], format: CompressionFormat, level: Int32? = nil) -> [UInt8] {
        switch format {
        case .none: return bytes
        case .gzip: return gzip(bytes, level: min(max(level ?? 6, 0), 9))
        case .zstd: return zstd(bytes, level: min(max(level ?? 3, ZSTD_minCLevel()), ZSTD_maxCLevel()))
        }
    }

    private static func gzip(_ bytes: [UInt8], level: Int32) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: the largest window, with a gzip header and trailer (as OutputByteStream).
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed (zlib error \(status))")
        defer { deflateEnd(&stream) }
        // deflateBound is the largest the member can be, header and trailer included.
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish within deflateBound (zlib \(result))")
                return target.count - Int(stream.avail_out)
            }
        }
        output.removeLast(output.count - written)
        return output
    }

    private static func zstd(_ bytes: [UInt8], level: Int32) -> [UInt8] {
        guard let context = ZSTD_createCCtx() else { preconditionFailure("ZSTD_createCCtx failed (out of memory)") }
        defer { ZSTD_freeCCtx(context) }
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        // A content checksum, as OutputByteStream and the zstd tool write.
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let written = bytes.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                ZSTD_compress2(context, target.baseAddress, target.count, source.baseAddress, source.count)
            }
        }
        precondition(ZSTD_isError(written) == 0, "ZSTD_compress2 failed: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeLast(output.count - written)
        return output
    }
}
