/// Why a JSONL line cannot be used: it is not one valid JSON object, or the object
/// lacks the field to clean.
///
/// The description reads well after a location, e.g. in a ``MalformedRecord``:
/// `data.jsonl:17: invalid JSON: unterminated string at column 220`.
public enum JSONLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is empty or holds only white space (callers may choose to skip it,
    /// as many JSONL writers leave a blank line at the end).
    case emptyLine
    /// The line is not exactly one JSON object per RFC 8259 (or is nested deeper
    /// than allowed, or holds invalid UTF-8).
    ///
    /// - `reason`: what is wrong, e.g. "unterminated string".
    /// - `column`: the 1-based byte offset in the line where the problem is (for an
    ///   unterminated string, its opening quote).
    case invalid(reason: String, column: Int)
    /// The object is valid but has no top-level member with the field's name.
    case fieldMissing(field: String)
    /// The field's value (its last occurrence, if the key repeats) is not a string.
    case fieldNotString(field: String, found: JSONValueKind)

    public var description: String {
        switch self {
        case .emptyLine:
            return "empty line where a JSON object was expected"
        case .invalid(let reason, let column):
            return "invalid JSON: \(reason) at column \(column)"
        case .fieldMissing(let field):
            return "no \"\(field)\" field in the object"
        case .fieldNotString(let field, let found):
            return "field \"\(field)\" is \(found), not a string"
        }
    }
}
