import Foundation

/// Runs the built `pare` binary, the way a user would.
struct PareProcess {
    struct Output {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `pare` built next to this test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pare")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("cannot find the pare executable near \(CommandLine.arguments[0])")
    }()

    static func run(_ arguments: [String], stdin: [UInt8] = [], stdoutPath: String? = nil) throws -> Output {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        if let stdoutPath {
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        } else {
            process.standardOutput = output
        }
        process.standardError = error
        try process.run()
        // Feed stdin and drain both pipes concurrently so large outputs cannot deadlock.
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            // A closed pipe (pare exited early) is fine: SIGPIPE is ignored in tests.
            try? input.fileHandleForWriting.write(contentsOf: Data(stdin))
            try? input.fileHandleForWriting.close()
        }
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: done) { errData = error.fileHandleForReading.readDataToEndOfFile() }
        let outData = stdoutPath == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        done.wait()
        return Output(status: process.terminationStatus, stdout: Array(outData),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func run(_ arguments: [String], input: String) throws -> Output {
        try run(arguments, stdin: Array(input.utf8))
    }
}

/// A temporary file removed when the test ends.
final class TemporaryFile {
    let path: String

    init(_ contents: [UInt8], suffix: String = ".txt") {
        path = NSTemporaryDirectory() + "pare-cli-\(UUID().uuidString)\(suffix)"
        FileManager.default.createFile(atPath: path, contents: Data(contents))
    }

    convenience init(_ text: String, suffix: String = ".txt") {
        self.init(Array(text.utf8), suffix: suffix)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The repository root, for the shipped sample pages.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
