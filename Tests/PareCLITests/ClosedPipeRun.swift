import Foundation

/// Runs `pare` with standard output into a pipe whose reader reads one line and then
/// closes its end, as `pare … | head -1` does.
struct ClosedPipeRun {
    let status: Int32
    let firstLine: [UInt8]
    let stderr: String

    static func run(_ arguments: [String]) throws -> ClosedPipeRun {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Close-on-exec, so that pare processes other tests start meanwhile do not
        // inherit the read end and keep the pipe open (pare's own copy is a dup2).
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        let process = Process()
        process.executableURL = PareProcess.executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: false)
        let error = Pipe()
        process.standardError = error
        try process.run()
        // Only pare may hold the write end, or the pipe never reports a closed reader.
        close(writeEnd)

        nonisolated(unsafe) var errData = Data()
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { errData = error.fileHandleForReading.readDataToEndOfFile() }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) == 1 {
            line.append(byte)
            if byte == 0x0A { break }
        }
        close(readEnd)
        process.waitUntilExit()
        done.wait()
        return ClosedPipeRun(status: process.terminationStatus, firstLine: line,
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
