/// A failure to read or write a corpus file, naming the file.
public struct BulkIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, so callers can treat a closed pipe apart from a real failure.
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or created.
        case open
        /// Reading failed (an I/O error from the system).
        case read
        /// Writing failed (disk full, I/O error).
        case write
        /// The reader of our output went away (EPIPE): not an error for a filter.
        case closedPipe
        /// A compressed stream holds data its codec rejects.
        case corrupt
        /// A compressed stream ends before its codec says it is complete.
        case truncated
    }

    /// What went wrong.
    public let kind: Kind
    /// The file's path as the user gave it, or `<stdin>`/`<stdout>`.
    public let path: String
    /// What happened, in words, without the path.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - path: The file's path as the user gave it, or `<stdin>`/`<stdout>`.
    ///   - message: What happened, without the path (e.g. "No space left on device").
    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// `path: message`, the form printed to the user.
    public var description: String { "\(path): \(message)" }
}
