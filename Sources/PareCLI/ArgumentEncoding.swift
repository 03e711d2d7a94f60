/// Finds command-line arguments that are not valid UTF-8.
///
/// `CommandLine.arguments` repairs invalid UTF-8 with U+FFFD, so `-e $'\xff'` would
/// silently become a pattern for U+FFFD (matching nothing the user meant) and a
/// Latin-1 file name would become another name. Pare refuses such an argument
/// instead, as bad usage, showing its bytes.
enum ArgumentEncoding {
    /// The first argument after the program name that is not valid UTF-8: its
    /// 1-based position and its text with every byte outside printable ASCII as `\xNN`.
    static func firstInvalidArgument() -> (position: Int, shown: String)? {
        for position in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[position] else { continue }
            if String(validatingCString: pointer) != nil { continue }
            var shown = ""
            var cursor = pointer
            while cursor.pointee != 0 {
                let byte = UInt8(bitPattern: cursor.pointee)
                shown += byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + hex(byte)
                cursor += 1
            }
            return (position, shown)
        }
        return nil
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
