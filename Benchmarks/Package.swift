// swift-tools-version:6.1
// Pare's benchmark suite: its own package, so the main package stays light.
// Run from this folder:  swift package benchmark
// Corpus: PARE_BENCH_CORPUS=path/to/corpus.z (NUL-separated pages, made by
// scripts/make-corpus.py from any JSONL of pages); without it, a built-in
// synthetic generator makes one.
import PackageDescription

let package = Package(
    name: "PareBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Pare", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                .product(name: "Pare", package: "Pare"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
