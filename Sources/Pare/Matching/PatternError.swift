/// A pattern that PCRE2 refused to compile.
///
/// Carries PCRE2's own message and the byte offset in the pattern where it gave up,
/// so a user can find the mistake without guessing.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// PCRE2's error message, e.g. `missing closing parenthesis`.
    public let message: String
    /// Byte offset into `pattern` where PCRE2 detected the error.
    public let offset: Int

    public var description: String {
        "\(message) at offset \(offset) in pattern '\(pattern)'"
    }
}
