/// The lines a ``LineReader`` must hand out, worked out the slow, obvious way: split at
/// every LF; a final LF does not start another line.
struct ReferenceLines {
    struct Line: Equatable {
        var bytes: ArraySlice<UInt8>
        /// Offset of the line's first byte in the input.
        var offset: Int
    }

    let lines: [Line]

    init(_ bytes: [UInt8], separator: UInt8 = 0x0A) {
        var lines: [Line] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == separator {
            lines.append(Line(bytes: bytes[start..<index], offset: start))
            start = index + 1
        }
        if start < bytes.count { lines.append(Line(bytes: bytes[start...], offset: start)) }
        self.lines = lines
    }
}
