/// How the bytes of a corpus file are compressed.
///
/// Input files are recognised by their first bytes (``sniff(_:)``), so a mislabelled or
/// piped file still decodes; output files take their format from the name the user
/// chose (``forFileName(_:)``).
public enum CompressionFormat: String, Sendable, CaseIterable {
    /// Plain bytes.
    case none
    /// gzip (RFC 1952), possibly several members one after another.
    case gzip
    /// Zstandard (RFC 8878), possibly several frames one after another.
    case zstd

    /// The number of leading bytes ``sniff(_:)`` needs to tell every format apart.
    ///
    /// Readers should collect this many bytes (or reach the end of the input) before
    /// sniffing, because a pipe may hand over fewer bytes per read.
    public static let sniffLength = 4

    /// Recognises a compressed stream by its magic number.
    ///
    /// - Parameters:
    ///   - prefix: The first bytes of the stream, ideally ``sniffLength`` of them;
    ///     fewer are accepted (a stream that short cannot be compressed data anyway,
    ///     except for a truncated one, which is then read as plain bytes).
    /// - Returns: `.gzip` for `1f 8b`, `.zstd` for a zstd frame (`28 b5 2f fd`) or a
    ///   zstd skippable frame (`5? 2a 4d 18`, which some tools put first to carry
    ///   metadata), otherwise `.none`.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> CompressionFormat {
        if prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B {
            return .gzip
        }
        guard prefix.count >= 4 else { return .none }
        if prefix[0] == 0x28, prefix[1] == 0xB5, prefix[2] == 0x2F, prefix[3] == 0xFD {
            return .zstd
        }
        // Skippable frames: little-endian magic 0x184D2A50 ... 0x184D2A5F.
        if prefix[0] & 0xF0 == 0x50, prefix[1] == 0x2A, prefix[2] == 0x4D, prefix[3] == 0x18 {
            return .zstd
        }
        return .none
    }

    /// Chooses a format from a file name's extension, for output files.
    ///
    /// - Parameters:
    ///   - path: A file name or path; only its ending is looked at, case-insensitively
    ///     (`PAGES.JSONL.GZ` is gzip too).
    /// - Returns: `.gzip` for `.gz`, `.zstd` for `.zst` or `.zstd`, otherwise `.none`.
    public static func forFileName(_ path: String) -> CompressionFormat {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".gz") { return .gzip }
        if lowered.hasSuffix(".zst") || lowered.hasSuffix(".zstd") { return .zstd }
        return .none
    }

    /// The usual file-name extension without its dot (`"gz"`, `"zst"`, as in
    /// `URL.pathExtension`), or `nil` for plain bytes; used to name output files after
    /// their format.
    public var fileExtension: String? {
        switch self {
        case .none: return nil
        case .gzip: return "gz"
        case .zstd: return "zst"
        }
    }
}
