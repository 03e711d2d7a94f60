import Pare

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Cleans whole corpora: many inputs, each text, JSONL or WET, plain or compressed,
/// with parallel workers and output in input order.
///
/// The calling thread reads inputs into batches of records and writes results; worker
/// threads clean batches. Results are written in the order the batches were read, so
/// the output does not depend on the number of workers, and at most
/// `4 × jobs + 2` batches are in memory at once, so memory does not grow with the
/// input.
///
/// ```swift
/// var configuration = BulkConfiguration()
/// configuration.jobs = 4
/// configuration.outputDirectory = "clean/"
/// let runner = BulkRunner(cleaner: try Cleaner(), configuration: configuration) { message in
///     print(message)                 // warnings and failures, each naming its file
/// }
/// let report = runner.run(inputs: ["crawl-00.jsonl.zst", "crawl-01.jsonl.zst"])
/// ```
public final class BulkRunner {
    public let cleaner: Cleaner
    public let configuration: BulkConfiguration
    private let showProgress: Bool
    private let diagnostics: (String) -> Void

    /// - Parameters:
    ///   - cleaner: what cleans each document.
    ///   - configuration: formats, output, workers and error policy.
    ///   - showProgress: draw a progress line on standard error while running.
    ///   - diagnostics: receives warnings and failures as they happen, each naming
    ///     its file (the report also lists the failures).
    public init(cleaner: Cleaner, configuration: BulkConfiguration, showProgress: Bool = false,
                diagnostics: @escaping (String) -> Void) {
        self.cleaner = cleaner
        self.configuration = configuration
        self.showProgress = showProgress
        self.diagnostics = diagnostics
    }

    /// Checks, before anything is read, that the inputs and the output directory fit
    /// together: no standard input with an output directory, no two inputs with one
    /// output name, no output that would overwrite its own input. Creates the output
    /// directory if it does not exist.
    ///
    /// - Throws: ``BulkUsageError`` describing the problem.
    public func prepare(inputs: [String]) throws(BulkUsageError) {
        guard let directory = configuration.outputDirectory else { return }
        var seen: [String: String] = [:]
        for input in inputs {
            if input == "-" {
                throw BulkUsageError("standard input ('-') cannot be used with an output directory; name the file")
            }
            let output = Self.outputPath(for: input, in: directory)
            if let other = seen[output] {
                throw BulkUsageError("inputs \(other) and \(input) would both be written to \(output)")
            }
            seen[output] = input
            if FileSystem.isSameFile(input, output) {
                throw BulkUsageError("\(input) would be overwritten by its own output; choose another output directory")
            }
        }
        if let problem = FileSystem.makeDirectory(directory) {
            throw BulkUsageError("cannot use output directory \(directory): \(problem)")
        }
    }

    /// The path an input's result is written to in `directory`: the input's file name.
    public static func outputPath(for input: String, in directory: String) -> String {
        let name = input.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? input
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Cleans every input in order. Never throws: failures are in the report and were
    /// passed to `diagnostics` as they happened.
    public func run(inputs: [String]) -> BulkRunReport {
        var run = Run(runner: self, totalBytes: showProgress ? FileSystem.totalSize(of: inputs) : nil)
        run.readAll(inputs)
        return run.finish()
    }
}

/// A usage problem found before the run starts (exit status 2 in the CLI).
public struct BulkUsageError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension BulkRunner {
    /// One run's state; lives on the calling thread.
    fileprivate struct Run {
        /// A step of the output, in input order.
        enum Step {
            /// An input starts; its output file (nil: standard output).
            case begin(outputPath: String?)
            case batch(PendingResult<BatchResult>)
            /// An input ends, completely or with an error that makes its output void.
            case end(name: String, error: (any Error)?)
        }

        let runner: BulkRunner
        var report = BulkRunReport()
        let pool: WorkerPool
        let progress: ProgressLine?
        var steps = FIFOQueue<Step>()
        var batchesQueued = 0
        /// Standard output, opened on first use and kept for the whole run.
        var standardOutput: OutputTarget?
        /// A write to standard output failed: nothing more can reach it.
        var standardOutputBroken = false
        /// The output of the input being written, and whether it broke.
        var current: OutputTarget?
        var currentBroken = false
        var currentWarnedSkip = false
        /// Nothing more is read or written (a record stopped the run, or stdout closed).
        var stopped = false
        /// Bytes of the input being read so far, for progress.
        var currentInputBytes = 0

        init(runner: BulkRunner, totalBytes: Int??) {
            self.runner = runner
            self.pool = WorkerPool(threads: max(1, runner.configuration.jobs))
            self.progress = runner.showProgress ? ProgressLine(totalBytes: totalBytes ?? nil) : nil
        }

        mutating func readAll(_ inputs: [String]) {
            let configuration = runner.configuration
            for input in inputs {
                if stopped { break }
                let name = input == "-" ? "<stdin>" : input
                var outputPath: String?
                if let directory = configuration.outputDirectory {
                    let path = BulkRunner.outputPath(for: input, in: directory)
                    if configuration.resume && FileSystem.exists(path) {
                        report.inputsResumed += 1
                        continue
                    }
                    outputPath = path
                }
                let stream: InputByteStream
                do {
                    stream = try InputByteStream(path: input)
                } catch {
                    enqueue(.end(name: name, error: error))
                    continue
                }
                let format = configuration.format ?? (input == "-" ? .text : DocumentFormat.inferred(fromPath: input))
                let reader = BatchReader(format: format, source: stream, inputName: name,
                                         configuration: configuration,
                                         outputCompression: outputPath.map(CompressionFormat.forFileName) ?? .none)
                enqueue(.begin(outputPath: outputPath))
                do {
                    while !stopped, let batch = try reader.nextBatch() {
                        currentInputBytes = stream.rawBytesRead
                        submit(batch)
                    }
                    enqueue(.end(name: name, error: nil))
                } catch {
                    enqueue(.end(name: name, error: error))
                }
                report.inputFileBytes += stream.rawBytesRead
                currentInputBytes = 0
                stream.close()
            }
        }

        mutating func finish() -> BulkRunReport {
            while !steps.isEmpty { drainOne() }
            pool.shutdown()
            if let standardOutput, !standardOutputBroken {
                do {
                    try standardOutput.commit()
                } catch {
                    outputFailed(error, target: standardOutput)
                }
            }
            progress?.finish()
            return report
        }

        private mutating func submit(_ batch: RecordBatch) {
            let pending = PendingResult<BatchResult>()
            let cleaner = runner.cleaner
            let configuration = runner.configuration
            pool.submit {
                pending.fulfil(BatchCleaner(cleaner: cleaner, configuration: configuration).clean(batch))
            }
            enqueue(.batch(pending))
        }

        private mutating func enqueue(_ step: Step) {
            if case .batch = step { batchesQueued += 1 }
            steps.append(step)
            // Write what is done while enough batches are in flight to keep workers busy.
            while batchesQueued >= runner.configuration.batchesInFlight { drainOne() }
            if case .end = step { while let next = steps.first, !isBatch(next) { drainOne() } }
        }

        private func isBatch(_ step: Step) -> Bool {
            if case .batch = step { return true }
            return false
        }

        /// Writes the oldest step, waiting for its batch if need be.
        private mutating func drainOne() {
            let step = steps.removeFirst()
            switch step {
            case .begin(let outputPath):
                currentBroken = false
                currentWarnedSkip = false
                guard !stopped else { return }
                if let outputPath {
                    do {
                        current = try OutputTarget.file(at: outputPath)
                    } catch {
                        fail("cannot create \(error)")
                        currentBroken = true
                    }
                } else {
                    if standardOutput == nil { standardOutput = OutputTarget.standardOutput() }
                    current = standardOutput
                }
            case .batch(let pending):
                batchesQueued -= 1
                let result = pending.wait()
                guard !stopped, !currentBroken, let target = current else { return }
                report.add(result)
                do {
                    try target.stream.write(result.output)
                } catch {
                    outputFailed(error, target: target)
                    return
                }
                if let skipped = result.firstSkipped, !currentWarnedSkip {
                    currentWarnedSkip = true
                    runner.diagnostics("pare: warning: \(skipped); skipping bad records in this file")
                }
                if let failure = result.failure {
                    report.stoppedAt = failure
                    runner.diagnostics("pare: \(failure)")
                    stopped = true
                    if target !== standardOutput { target.discard() }
                    current = nil
                }
                progress?.update(records: report.recordsIn, bytesRead: report.inputFileBytes + currentInputBytes)
            case .end(let name, let error):
                defer {
                    current = nil
                    currentBroken = false
                }
                if let error {
                    if let target = current, target !== standardOutput { target.discard() }
                    guard !stopped else { return }
                    if case .malformed(let malformed)? = error as? RecordReadError, runner.configuration.onError == .stop {
                        // A record the reader could not frame stops the run like any bad record.
                        report.stoppedAt = malformed
                        runner.diagnostics("pare: \(malformed)")
                        stopped = true
                    } else {
                        let message = "\(error)"
                        fail(message.hasPrefix(name) ? message : "\(name): \(message)")
                    }
                    return
                }
                guard !stopped, !currentBroken, let target = current else { return }
                if target !== standardOutput {
                    do {
                        try target.commit()
                    } catch {
                        target.discard()
                        fail("cannot write \(error)")
                        return
                    }
                }
                report.inputsDone += 1
            }
        }

        private mutating func outputFailed(_ error: BulkIOError, target: OutputTarget) {
            if error.kind == .closedPipe {
                report.outputClosed = true
                standardOutputBroken = true
                stopped = true
                return
            }
            fail("cannot write \(error)")
            if target === standardOutput {
                // Nothing more can reach standard output.
                standardOutputBroken = true
                stopped = true
            } else {
                target.discard()
                currentBroken = true
            }
        }

        private mutating func fail(_ message: String) {
            report.failures.append(message)
            progress?.finish()
            runner.diagnostics("pare: \(message)")
        }
    }
}
