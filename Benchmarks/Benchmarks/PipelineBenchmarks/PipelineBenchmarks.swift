import Benchmark
import Foundation
import Pare

/// Throughput of the pipeline and its parts over one corpus, in MB/s of input per
/// core, with the floor (normalise + tidy, no rules, no heuristics) measured in the same
/// run as the reference: compare ratios, since shared machines drift.
let benchmarks: @Sendable () -> Void = {
    let corpus = Corpus.load()
    let megabytes = corpus.megabytes
    let inputMBps = BenchmarkMetric.custom("input MB/s", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, inputMBps],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 5
    )

    func register(_ name: String, _ cleaner: Cleaner) {
        Benchmark(corpus.benchmarkName(name)) { benchmark in
            let start = ContinuousClock.now
            var out = 0
            for page in corpus.pages { out &+= cleaner.clean(bytes: page).count }
            blackHole(out)
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            benchmark.measurement(inputMBps, Int(megabytes / seconds))
        }
    }

    do {
        register("floor: normalise + tidy", try Cleaner(packs: [], heuristic: .none))
        register("rules only", try Cleaner(heuristic: .none))
        register("content region only", try Cleaner(packs: [], heuristic: .contentRegion(.default)))
        register("line classifier only", try Cleaner(packs: [], heuristic: .lineClassifier()))
        register("rules + content region", try Cleaner(heuristic: .contentRegion(.default)))
        register("default: rules + adaptive", try Cleaner())
        register("rules + line classifier", try Cleaner(heuristic: .lineClassifier()))
        // Issue 3's time bar: the default against the rules alone, in turns.
        CostRatio.register("cost ratio: default / rules only, in turns", corpus: corpus,
                           reference: ("rules only", try Cleaner(heuristic: .none)),
                           measured: ("default", try Cleaner()))
    } catch {
        fatalError("cannot build the cleaners: \(error)")
    }
}
