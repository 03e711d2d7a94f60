#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Validates one JSONL line as exactly one JSON object (RFC 8259) in a single pass
/// and notes where the values of two top-level keys are.
///
/// Iterative rather than recursive, with the open containers on an explicit stack,
/// so deep nesting is a clean error rather than a deep call stack.
struct JSONObjectScanner {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0

    /// The last top-level occurrence of the field: its kind, and its range if it is
    /// a string.
    private(set) var fieldKind: JSONValueKind?
    private(set) var fieldRange: Range<Int>?
    /// The last top-level occurrence of the URL field, if it is a string.
    private(set) var urlRange: Range<Int>?

    /// Unescaped top-level keys, only for keys written with escapes (rare).
    private var keyScratch: [UInt8] = []

    /// Prepares to scan `n` bytes at `p`.
    init(_ p: UnsafePointer<UInt8>, count n: Int) {
        self.p = p
        self.n = n
    }

    private enum State {
        case objectFirst, objectNext, arrayFirst, arrayNext, value, afterValue
    }

    private static let matchField: UInt8 = 1
    private static let matchURL: UInt8 = 2

    /// Scans the whole line.
    ///
    /// - Parameters:
    ///   - field: the top-level key whose value is wanted.
    ///   - urlField: a second top-level key whose value is wanted, if any.
    ///   - maximumDepth: the deepest nesting allowed; the line's object is depth 1.
    ///   - stack: room for `maximumDepth` bytes, the open containers (`{` or `[`).
    /// - Throws: ``JSONLineError/emptyLine`` or ``JSONLineError/invalid(reason:column:)``.
    mutating func scan(
        field: UnsafeRawBufferPointer, urlField: UnsafeRawBufferPointer?,
        maximumDepth: Int, stack: UnsafeMutablePointer<UInt8>
    ) throws(JSONLineError) {
        skipWhitespace()
        guard i < n else { throw .emptyLine }
        guard p[i] == UInt8(ascii: "{") else {
            if p[i] == 0xEF, i + 2 < n, p[i + 1] == 0xBB, p[i + 2] == 0xBF {
                throw invalid("byte order mark (U+FEFF) before the object")
            }
            if p[i] == UInt8(ascii: "[") { throw invalid("expected an object, found an array") }
            throw invalid("expected '{' (each line must hold one JSON object)")
        }
        guard maximumDepth >= 1 else { throw invalid("nesting deeper than \(maximumDepth) levels") }
        stack[0] = UInt8(ascii: "{")
        var depth = 1
        i += 1
        var state = State.objectFirst
        // Which keys of interest the member whose value comes next has.
        var match: UInt8 = 0

        loop: while true {
            switch state {
            case .objectFirst, .objectNext:
                skipWhitespace()
                guard i < n else { throw invalid("unexpected end of line, expected a key or '}'") }
                if p[i] != UInt8(ascii: "\"") {
                    if p[i] == UInt8(ascii: "}") {
                        if state == .objectNext { throw invalid("trailing comma before '}'") }
                        i += 1
                        depth -= 1
                        state = .afterValue
                        continue loop
                    }
                    throw invalid("expected a key in double quotes")
                }
                let keyStart = i
                let escaped = try scanString()
                if depth == 1 {
                    match = topLevelMatch(keyStart + 1..<i - 1, escaped: escaped,
                                          field: field, urlField: urlField)
                }
                skipWhitespace()
                guard i < n, p[i] == UInt8(ascii: ":") else { throw invalid("expected ':' after the key") }
                i += 1
                skipWhitespace()
                state = .value

            case .arrayFirst, .arrayNext:
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "]") {
                    if state == .arrayNext { throw invalid("trailing comma before ']'") }
                    i += 1
                    depth -= 1
                    state = .afterValue
                    continue loop
                }
                state = .value

            case .value:
                guard i < n else { throw invalid("unexpected end of line, expected a value") }
                let valueStart = i
                let kind: JSONValueKind
                switch p[i] {
                case UInt8(ascii: "\""):
                    _ = try scanString()
                    kind = .string
                    state = .afterValue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard depth < maximumDepth else {
                        throw invalid("nesting deeper than \(maximumDepth) levels")
                    }
                    let open = p[i]
                    stack[depth] = open
                    depth += 1
                    i += 1
                    kind = open == UInt8(ascii: "{") ? .object : .array
                    state = open == UInt8(ascii: "{") ? .objectFirst : .arrayFirst
                case UInt8(ascii: "t"):
                    try literal(0x6575_7274, length: 4, name: "true")  // "true" little-endian
                    kind = .boolean
                    state = .afterValue
                case UInt8(ascii: "f"):
                    // "fals" little-endian, then "e".
                    try literal(0x736C_6166, length: 5, name: "false", fifth: UInt8(ascii: "e"))
                    kind = .boolean
                    state = .afterValue
                case UInt8(ascii: "n"):
                    try literal(0x6C6C_756E, length: 4, name: "null")  // "null" little-endian
                    kind = .null
                    state = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try scanNumber()
                    kind = .number
                    state = .afterValue
                default:
                    throw invalid("expected a value, found \(Self.describe(p[i]))")
                }
                if match != 0 {
                    // Last occurrence wins, as with Python's json and most parsers.
                    let range: Range<Int>? = kind == .string ? valueStart..<i : nil
                    if match & Self.matchField != 0 {
                        fieldKind = kind
                        fieldRange = range
                    }
                    if match & Self.matchURL != 0 {
                        urlRange = range
                    }
                    match = 0
                }

            case .afterValue:
                if depth == 0 { break loop }
                skipWhitespace()
                let container = stack[depth - 1]
                let close = container == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard i < n else {
                    throw invalid("unexpected end of line, expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    state = container == UInt8(ascii: "{") ? .objectNext : .arrayNext
                } else if p[i] == close {
                    i += 1
                    depth -= 1
                } else {
                    throw invalid("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(Self.describe(p[i]))")
                }
            }
        }
        skipWhitespace()
        guard i == n else { throw invalid("unexpected data after the object") }
    }

    // MARK: - Pieces

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < n {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    /// Scans the string whose opening quote is at `i`, leaving `i` past its closing
    /// quote.
    ///
    /// - Returns: whether the string holds escapes (so its bytes are not its value).
    @inline(__always)
    private mutating func scanString() throws(JSONLineError) -> Bool {
        let open = i
        i += 1
        var escaped = false
        while true {
            i = JSONByteRuns.firstSpecial(p, from: i, to: n)
            guard i < n else { throw invalid("unterminated string", at: open) }
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return escaped
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < n else { throw invalid("unterminated string", at: open) }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= n, Self.isHex(p[i + 2]), Self.isHex(p[i + 3]),
                          Self.isHex(p[i + 4]), Self.isHex(p[i + 5]) else {
                        throw invalid("invalid \\u escape (four hex digits expected)")
                    }
                    i += 6
                default:
                    throw invalid("invalid escape '\\' followed by \(Self.describe(p[i + 1]))")
                }
            } else if b < 0x20 {
                throw invalid("unescaped control character \(Self.describe(b)) in string")
            } else {
                let length = UTF8Sequence.measure(p, i, n)
                guard length > 0 else { throw invalid("invalid UTF-8") }
                i += length
            }
        }
    }

    /// Scans a number per RFC 8259 (no leading zeros, no `+`, no `.5` or `5.`, no
    /// NaN or Infinity), leaving `i` past it.
    private mutating func scanNumber() throws(JSONLineError) {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, Self.isDigit(p[i]) else { throw invalid("invalid number", at: start) }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, Self.isDigit(p[i]) { throw invalid("number with a leading zero", at: start) }
        } else {
            while i < n, Self.isDigit(p[i]) { i += 1 }
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, Self.isDigit(p[i]) else { throw invalid("invalid number: digit expected after '.'") }
            while i < n, Self.isDigit(p[i]) { i += 1 }
        }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, Self.isDigit(p[i]) else { throw invalid("invalid number: digit expected in exponent") }
            while i < n, Self.isDigit(p[i]) { i += 1 }
        }
    }

    /// Checks for `true`, `false` or `null` at `i` (its first four bytes given as a
    /// little-endian word), leaving `i` past it.
    @inline(__always)
    private mutating func literal(_ word: UInt32, length: Int, name: String, fifth: UInt8 = 0) throws(JSONLineError) {
        guard i + length <= n,
              UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)) == word,
              length == 4 || p[i + 4] == fifth
        else { throw invalid("expected '\(name)'") }
        i += length
    }

    /// Which of the keys of interest the top-level key in `range` is, compared after
    /// unescaping.
    private mutating func topLevelMatch(
        _ range: Range<Int>, escaped: Bool,
        field: UnsafeRawBufferPointer, urlField: UnsafeRawBufferPointer?
    ) -> UInt8 {
        if escaped {
            // Rare ("\u0074ext"), so the copy is acceptable; keyScratch keeps its
            // storage for the next escaped key of this line.
            keyScratch.removeAll(keepingCapacity: true)
            JSONStringCodec.decode(p, range, into: &keyScratch)
            return keyScratch.withUnsafeBytes { decoded in
                Self.matches(decoded, field, urlField)
            }
        }
        let key = UnsafeRawBufferPointer(start: p + range.lowerBound, count: range.count)
        return Self.matches(key, field, urlField)
    }

    @inline(__always)
    private static func matches(
        _ key: UnsafeRawBufferPointer, _ field: UnsafeRawBufferPointer, _ urlField: UnsafeRawBufferPointer?
    ) -> UInt8 {
        var result: UInt8 = 0
        if equal(key, field) { result |= matchField }
        if let urlField, equal(key, urlField) { result |= matchURL }
        return result
    }

    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    // MARK: - Errors

    private func invalid(_ reason: String, at index: Int? = nil) -> JSONLineError {
        .invalid(reason: reason, column: (index ?? i) + 1)
    }

    /// A byte for a message: `'x'` if printable ASCII, else `byte 0xXX`.
    private static func describe(_ b: UInt8) -> String {
        if b > 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func isHex(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10 || (b | 0x20) &- UInt8(ascii: "a") < 6
    }
}
