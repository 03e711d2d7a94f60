#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unescaping and escaping of JSON string contents, on raw bytes.
enum JSONStringCodec {
    /// Appends the value of the JSON string contents `p[range]` (without quotes) to
    /// `output`.
    ///
    /// Expects contents the scanner accepted; anything else is decoded as well as
    /// possible (never read out of bounds), a broken escape becoming U+FFFD.
    /// `\u` surrogate pairs become one 4-byte sequence; a lone surrogate becomes
    /// U+FFFD, since it has no UTF-8 form.
    static func decode(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8]) {
        var i = range.lowerBound
        let n = range.upperBound
        output.reserveAdditional(n - i)
        while i < n {
            // Everything up to the next backslash is the value's own bytes.
            let runEnd: Int
            if let hit = memchr(p + i, Int32(UInt8(ascii: "\\")), n - i) {
                runEnd = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
            } else {
                runEnd = n
            }
            if runEnd > i {
                output.append(contentsOf: UnsafeBufferPointer(start: p + i, count: runEnd - i))
            }
            i = runEnd
            guard i < n else { break }
            guard i + 1 < n else {
                UTF8Sequence.appendReplacement(to: &output)
                break
            }
            let escape = p[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(p, at: i, end: n) else {
                    UTF8Sequence.appendReplacement(to: &output)
                    continue
                }
                i += 4
                var scalar = unit
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A high surrogate counts only if a low one follows at once.
                    if i + 6 <= n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
                       let low = hex4(p, at: i + 2, end: n), low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    scalar = 0xFFFD
                }
                UTF8Sequence.append(scalar, to: &output)
            default:
                // `"`, `\` and `/` stand for themselves.
                output.append(escape)
            }
        }
    }

    /// Appends `p[0..<n]` as a JSON string literal, quotes included, to `output`.
    ///
    /// Escapes only what JSON requires (`"`, `\`, control characters, with the short
    /// forms where they exist and lowercase `\u00xx` otherwise) and keeps everything
    /// else as raw UTF-8, like Python's `json.dumps(s, ensure_ascii=False)`. Invalid
    /// UTF-8 is replaced, one U+FFFD per maximal invalid subpart, so the output is
    /// always valid JSON.
    static func encode(_ p: UnsafePointer<UInt8>?, count n: Int, to output: inout [UInt8]) {
        output.reserveAdditional(n + 2)
        output.append(UInt8(ascii: "\""))
        guard let p else {
            output.append(UInt8(ascii: "\""))
            return
        }
        // Bytes in runStart..<i are copied as they are, in one append per run.
        var runStart = 0
        var i = 0
        while true {
            i = JSONByteRuns.firstSpecial(p, from: i, to: n)
            guard i < n else { break }
            let b = p[i]
            if b >= 0x80 {
                let length = UTF8Sequence.measure(p, i, n)
                if length > 0 {
                    i += length
                    continue
                }
                flush(p, runStart, i, to: &output)
                UTF8Sequence.appendReplacement(to: &output)
                i += -length
                runStart = i
                continue
            }
            flush(p, runStart, i, to: &output)
            output.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(b)
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            default:
                output.append(UInt8(ascii: "u"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0"))
                output.append(hexDigit(b >> 4))
                output.append(hexDigit(b & 0x0F))
            }
            i += 1
            runStart = i
        }
        flush(p, runStart, n, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func flush(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, to output: inout [UInt8]) {
        if end > start {
            output.append(contentsOf: UnsafeBufferPointer(start: p + start, count: end - start))
        }
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    /// The value of four hex digits at `p[i]`, or nil if they are not there.
    @inline(__always)
    private static func hex4(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int) -> UInt32? {
        guard i + 4 <= n else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = p[i + k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
