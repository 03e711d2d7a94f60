/// Pare's exit codes, the same for every subcommand.
enum ExitStatus: Int32 {
    /// Done.
    case success = 0
    /// A runtime failure: unreadable input, failed write. Message on stderr.
    case failure = 1
    /// Bad usage, or a rule or pack that does not load. Message on stderr.
    case usage = 2
    /// Finished, but bad records were skipped (`--on-error skip`). Count on stderr.
    case skippedRecords = 3
}

/// An error the CLI reports with a message and a defined exit status.
struct CLIError: Error, CustomStringConvertible {
    let status: ExitStatus
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(status: .usage, message: message) }
    static func failure(_ message: String) -> CLIError { CLIError(status: .failure, message: message) }
    /// Ends with `status` and no further message (the details were printed already).
    static func exit(_ status: ExitStatus) -> CLIError { CLIError(status: status, message: "") }

    var description: String { message }
}
