/// JSON Lines records: validating a line, finding a field in it, and replacing that
/// field's value while leaving the rest of the line byte for byte as it was.
///
/// Everything works on the line's UTF-8 bytes in place; the only copies are the
/// decoded value and the output line.
///
/// ```swift
/// let fields = try JSONLine.scan(line, field: Array("text".utf8))
/// var text: [UInt8] = []
/// JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: line[fields.field]), into: &text)
/// let cleaned = clean(text)
/// var output: [UInt8] = []
/// JSONLine.replacingValue(in: line, range: fields.field, withEncoded: cleaned, into: &output)
/// ```
public enum JSONLine {
    /// The deepest nesting accepted by default (the line's object is level 1).
    public static let defaultMaximumDepth = 512

    /// Validates that `line` is exactly one JSON object and finds the values of two
    /// of its top-level members.
    ///
    /// The line must be one JSON object per RFC 8259, with optional white space
    /// (space, tab, CR, LF) around it: strict numbers, the literals `true`, `false`
    /// and `null` only (no NaN), strings without raw control characters and with
    /// valid escapes, valid UTF-8 throughout. Keys are compared after unescaping, so
    /// `"\u0074ext"` is the key `text`; keys in nested objects never match. If a key
    /// repeats, its last occurrence counts, as with Python's `json`.
    ///
    /// - Parameters:
    ///   - line: the line's bytes, without its LF.
    ///   - field: the UTF-8 name of the member whose string value is wanted.
    ///   - urlField: the UTF-8 name of a second member (such as `url`); its range is
    ///     returned if it is present and a string, and nil otherwise.
    ///   - maximumDepth: the deepest nesting accepted.
    /// - Returns: the byte ranges of the values, quotes included.
    /// - Throws: ``JSONLineError/emptyLine`` for a blank line,
    ///   ``JSONLineError/invalid(reason:column:)`` if the line is not one valid
    ///   object (checked first, over the whole line), then
    ///   ``JSONLineError/fieldMissing(field:)`` or
    ///   ``JSONLineError/fieldNotString(field:found:)``.
    public static func scan(
        _ line: UnsafeRawBufferPointer, field: [UInt8], urlField: [UInt8]? = nil,
        maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONLineError) -> JSONLineFields {
        guard let base = line.baseAddress, line.count > 0 else { throw .emptyLine }
        var scanner = JSONObjectScanner(base.assumingMemoryBound(to: UInt8.self), count: line.count)
        // The stack of open containers lives on the machine stack (512 bytes by
        // default), so validating a line allocates nothing.
        let outcome = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(maximumDepth, 1)) {
            stack -> JSONLineError? in
            field.withUnsafeBytes { fieldBytes in
                func run(_ urlBytes: UnsafeRawBufferPointer?) -> JSONLineError? {
                    do {
                        try scanner.scan(field: fieldBytes, urlField: urlBytes,
                                         maximumDepth: maximumDepth, stack: stack.baseAddress!)
                        return nil
                    } catch {
                        return error
                    }
                }
                if let urlField {
                    return urlField.withUnsafeBytes { run($0) }
                }
                return run(nil)
            }
        }
        if let outcome { throw outcome }
        guard let kind = scanner.fieldKind else {
            throw .fieldMissing(field: String(decoding: field, as: UTF8.self))
        }
        guard kind == .string, let range = scanner.fieldRange else {
            throw .fieldNotString(field: String(decoding: field, as: UTF8.self), found: kind)
        }
        return JSONLineFields(field: range, url: scanner.urlRange)
    }

    /// Appends the value of a JSON string literal to `output`.
    ///
    /// `\u` surrogate pairs become the 4-byte UTF-8 of their character; a lone
    /// surrogate, which has no UTF-8 form, becomes U+FFFD (EF BF BD).
    ///
    /// - Parameters:
    ///   - quoted: a string literal with its quotes, as located by
    ///     ``scan(_:field:urlField:maximumDepth:)``. Other input is decoded as well
    ///     as possible, without reading out of bounds.
    ///   - output: where the value's UTF-8 bytes are appended (it is not cleared).
    public static func decodeString(_ quoted: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard let base = quoted.baseAddress, quoted.count > 0 else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var lower = 0
        var upper = quoted.count
        if p[0] == UInt8(ascii: "\"") { lower = 1 }
        if upper > lower, p[upper - 1] == UInt8(ascii: "\"") { upper -= 1 }
        JSONStringCodec.decode(p, lower..<upper, into: &output)
    }

    /// Appends `utf8` as a JSON string literal, quotes included, to `output`.
    ///
    /// Only `"`, `\` and control characters are escaped (`\n`, `\r`, `\t`, `\b`, `\f`,
    /// else `\u00xx`); everything else, non-ASCII included, is kept as UTF-8, as
    /// Python's `json.dumps(s, ensure_ascii=False)` writes it. Each invalid UTF-8
    /// sequence becomes U+FFFD, so the output is always valid JSON.
    ///
    /// - Parameters:
    ///   - utf8: the string's bytes.
    ///   - output: where the literal is appended.
    public static func appendEncodedString(_ utf8: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        JSONStringCodec.encode(utf8.baseAddress?.assumingMemoryBound(to: UInt8.self),
                               count: utf8.count, to: &output)
    }

    /// Appends `utf8` as a JSON string literal, quotes included, to `output`; see
    /// ``appendEncodedString(_:to:)-(UnsafeRawBufferPointer,_)``.
    public static func appendEncodedString(_ utf8: [UInt8], to output: inout [UInt8]) {
        utf8.withUnsafeBytes { appendEncodedString($0, to: &output) }
    }

    /// Appends `line` to `output` with the value in `range` replaced by `utf8` encoded
    /// as a JSON string; the bytes before and after the range are copied untouched.
    ///
    /// - Parameters:
    ///   - line: the original line.
    ///   - range: the value to replace, quotes included (from
    ///     ``scan(_:field:urlField:maximumDepth:)``).
    ///   - utf8: the new value's bytes, encoded as by ``appendEncodedString(_:to:)-(UnsafeRawBufferPointer,_)``.
    ///   - output: where the new line is appended (without LF).
    public static func replacingValue(
        in line: UnsafeRawBufferPointer, range: Range<Int>,
        withEncoded utf8: UnsafeRawBufferPointer, into output: inout [UInt8]
    ) {
        precondition(range.lowerBound >= 0 && range.upperBound <= line.count, "range outside the line")
        output.reserveAdditional(line.count - range.count + utf8.count + 2)
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[..<range.lowerBound]))
        appendEncodedString(utf8, to: &output)
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[range.upperBound...]))
    }

    /// Appends `line` with the value in `range` replaced by `utf8` encoded as a JSON
    /// string; see ``replacingValue(in:range:withEncoded:into:)-(_,_,UnsafeRawBufferPointer,_)``.
    public static func replacingValue(
        in line: UnsafeRawBufferPointer, range: Range<Int>,
        withEncoded utf8: [UInt8], into output: inout [UInt8]
    ) {
        utf8.withUnsafeBytes { replacingValue(in: line, range: range, withEncoded: $0, into: &output) }
    }
}
