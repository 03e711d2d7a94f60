/// Strict UTF-8 checks for inputs that must be text (rule packs, not documents:
/// documents may hold invalid bytes and pass them through untouched).
enum UTF8Validation {
    /// The 1-based line number of the first invalid UTF-8 sequence, or nil if the
    /// bytes are valid UTF-8.
    static func firstInvalidLine(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var line = 1
            var i = 0
            while i < buffer.count {
                guard let (value, length) = UTF8Decoding.scalar(in: buffer, at: i) else { return line }
                if value == 0x0A { line += 1 }
                i += length
            }
            return nil
        }
    }
}
