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
        case .gzip: return gzip(bytes, level: level)
        case .zstd: return zstd(bytes, level: level)
        }
    }

    private static func gzip(_ bytes: [UInt8], level: Int32?) -> [UInt8] {
        // zlib keeps a pointer back to its z_stream and checks it on every call, so the
        // stream lives at one fixed address rather than in a Swift local.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        CompressorSetup.startGzip(stream, level: level)
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // deflateBound is the largest the member can be, header and trailer included.
        let bound = Int(deflateBound(stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.pointee.next_in = source.baseAddress
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = uInt(target.count)
                let result = deflate(stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish within deflateBound (zlib \(result))")
                return target.count - Int(stream.pointee.avail_out)
            }
        }
        output.removeLast(output.count - written)
        return output
    }

    private static func zstd(_ bytes: [UInt8], level: Int32?) -> [UInt8] {
        let context = CompressorSetup.zstdContext(level: level)
        defer { ZSTD_freeCCtx(context) }
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
