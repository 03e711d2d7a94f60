// swift-tools-version:6.0
// Pare's fuzz targets: their own package, depending on the main one by path, so that
// `swift build` / `swift test` of Pare neither compile nor wait for them (the same
// reason Benchmarks/ is its own package).
//
// Each target is an executable of one entry file. Built by `scripts/fuzz`, which adds
// `-sanitize=fuzzer,address -D PARE_FUZZING` to every module (Pare and PareBulk too,
// so libFuzzer sees their coverage), the entry is `LLVMFuzzerTestOneInput` and
// libFuzzer supplies `main`. Built plainly (`swift build` here), the same file
// compiles to a small replay `main` that runs the target over the files and folders
// given on its command line: a crash input reproduces without libFuzzer, e.g. on
// macOS or under a debugger.
//
//   scripts/fuzz --time 60            build, then fuzz each target for 60 s
//   scripts/fuzz --replay wet FILE    run one input through a target
import PackageDescription

let package = Package(
    name: "PareFuzz",
    dependencies: [
        .package(name: "Pare", path: ".."),
    ],
    targets: [
        // libFuzzer's driver entry point (a header only; the library is linked by
        // scripts/fuzz).
        .systemLibrary(name: "CLibFuzzer"),
        // What the targets share: chunked in-memory sources, checks, the replay and
        // libFuzzer mains.
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "PareBulk", package: "Pare")]
        ),
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: ["FuzzSupport", .product(name: "Pare", package: "Pare")]
        ),
        .executableTarget(
            name: "FuzzRulePack",
            dependencies: ["FuzzSupport", .product(name: "Pare", package: "Pare")]
        ),
        .executableTarget(
            name: "FuzzJSONL",
            dependencies: ["FuzzSupport", .product(name: "PareBulk", package: "Pare")]
        ),
        .executableTarget(
            name: "FuzzWET",
            dependencies: ["FuzzSupport", .product(name: "PareBulk", package: "Pare")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
