/// Why a line-classifier model file could not be read.
public struct LineModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the model file at fault (0 when the fault is the file as a whole).
    public let line: Int
    /// What is wrong there.
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "line-classifier model, line \(line): \(message)" : "line-classifier model: \(message)"
    }
}
