import Benchmark
import Foundation
import Pare
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one cleaner costs against another, measured in one run, side by side.
///
/// Issue 3 caps the heuristics at twice the cost of the rules alone. Measured as two
/// separate benchmarks, one after the other, the ratio of their wall-clock times moved
/// by a third between runs of the same binary on the shared machines: a neighbour's
/// load during one benchmark and not the other skews it. Here the two cleaners take
/// turns on the same chunks of the corpus, and each turn is timed in CPU time of the
/// calling thread, so drift and other processes' load fall on both alike and time
/// spent waiting for the core is not counted.
enum CostRatio {
    /// Pages a cleaner cleans before the other takes its turn: small enough that
    /// a change in the machine's load falls on both cleaners, large enough that each
    /// turn runs with its own code and tables warm in the caches, as a whole run does.
    static let pagesPerTurn = 200

    /// Registers a benchmark that cleans the corpus with `reference` and `measured` in
    /// turns and reports `measured`'s CPU time over `reference`'s, times 100
    /// (190 means 1.90 times), and each one's MB/s of input per CPU second.
    static func register(_ name: String, corpus: Corpus, reference: (String, Cleaner), measured: (String, Cleaner)) {
        let megabytes = corpus.megabytes
        let ratio = BenchmarkMetric.custom("\(measured.0) / \(reference.0), CPU time x100",
                                           polarity: .prefersSmaller, useScalingFactor: false)
        let referenceRate = BenchmarkMetric.custom("\(reference.0) MB/s (CPU)", polarity: .prefersLarger,
                                                   useScalingFactor: false)
        let measuredRate = BenchmarkMetric.custom("\(measured.0) MB/s (CPU)", polarity: .prefersLarger,
                                                  useScalingFactor: false)
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, ratio, referenceRate, measuredRate],
            warmupIterations: 1,
            maxDuration: .seconds(60),
            maxIterations: 3
        )
        Benchmark(corpus.benchmarkName(name), configuration: configuration) { benchmark in
            var referenceSeconds = 0.0
            var measuredSeconds = 0.0
            var out = 0
            var start = 0
            var turn = 0
            while start < corpus.pages.count {
                let chunk = start..<min(start + pagesPerTurn, corpus.pages.count)
                // Alternate which cleaner goes first, so that neither always finds the
                // caches left by the other.
                let order = turn % 2 == 0 ? [false, true] : [true, false]
                for isMeasured in order {
                    let cleaner = isMeasured ? measured.1 : reference.1
                    let seconds = threadCPUSeconds {
                        for index in chunk { out &+= cleaner.clean(bytes: corpus.pages[index]).count }
                    }
                    if isMeasured { measuredSeconds += seconds } else { referenceSeconds += seconds }
                }
                start = chunk.upperBound
                turn += 1
            }
            blackHole(out)
            benchmark.measurement(ratio, Int((measuredSeconds / referenceSeconds * 100).rounded()))
            benchmark.measurement(referenceRate, Int(megabytes / referenceSeconds))
            benchmark.measurement(measuredRate, Int(megabytes / measuredSeconds))
        }
    }

    /// The CPU time the calling thread spends in `body`, in seconds.
    private static func threadCPUSeconds(_ body: () -> Void) -> Double {
        let before = threadCPUTime()
        body()
        return threadCPUTime() - before
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
