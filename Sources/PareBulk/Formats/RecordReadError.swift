/// Why reading the next record from a corpus failed: the bytes could not be read at
/// all, or they were read but do not form a valid record.
///
/// Callers usually stop on ``io(_:)`` and may choose to skip and count a
/// ``malformed(_:)`` record instead (where the reader supports resuming).
public enum RecordReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The underlying file or decompressor failed.
    case io(BulkIOError)
    /// The bytes are not a valid record of the format.
    case malformed(MalformedRecord)

    public var description: String {
        switch self {
        case .io(let error): return error.description
        case .malformed(let record): return record.description
        }
    }
}
