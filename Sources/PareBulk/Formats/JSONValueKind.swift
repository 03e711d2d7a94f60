/// The kind of a JSON value, to say what was found where a string was expected.
public enum JSONValueKind: Sendable, Equatable, CustomStringConvertible {
    case string
    case number
    /// `true` or `false`.
    case boolean
    case null
    case object
    case array

    /// The kind with an article, for messages: "a number", "an object", "null".
    public var description: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        case .array: return "an array"
        }
    }
}
