#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

// A closed pipe must show up as EPIPE from write(2), not kill the process.
signal(SIGPIPE, SIG_IGN)

if let invalid = ArgumentEncoding.firstInvalidArgument() {
    printError("pare: argument \(invalid.position) '\(invalid.shown)' is not valid UTF-8 (patterns and file names are read as UTF-8)")
    exit(ExitStatus.usage.rawValue)
}

// Our own entry point instead of ArgumentParser's `main()`: Pare's exit codes are
// 0 / 1 / 2 (ArgumentParser uses 64 for bad usage).
do {
    var command = try PareCommand.parseAsRoot()
    try command.run()
    exit(ExitStatus.success.rawValue)
} catch let error as CLIError {
    if !error.message.isEmpty { printError("pare: \(error.message)") }
    exit(error.status.rawValue)
} catch {
    let code = PareCommand.exitCode(for: error)
    if code == .success {
        // --help, --version: ArgumentParser's text goes to standard output, checked
        // like any output (`pare --help > /dev/full` is exit 1, not silence).
        do {
            try OutputWriter.writeStandardOutput(PareCommand.fullMessage(for: error) + "\n")
        } catch {
            printError("pare: \(error.message)")
            exit(error.status.rawValue)
        }
        exit(ExitStatus.success.rawValue)
    }
    printError(PareCommand.fullMessage(for: error))
    exit(code == .validationFailure || code.rawValue == 64 ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue)
}
