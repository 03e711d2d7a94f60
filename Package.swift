// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pare",
    products: [
        .library(name: "Pare", targets: ["Pare"]),
        .library(name: "PareBulk", targets: ["PareBulk"]),
        .executable(name: "pare", targets: ["PareCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // PCRE2 from the system (Debian: libpcre2-dev), 8-bit code units.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // zlib and libzstd from the system (Debian: zlib1g-dev, libzstd-dev), for
        // compressed corpora; only the bulk module links them.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // Turns Patterns/*.rules into Swift source at build time, so the default
        // packs live inside the binary and `pare` works when copied alone.
        .executableTarget(name: "EmbedPatternsTool"),
        .plugin(
            name: "EmbedDefaultPatterns",
            capability: .buildTool(),
            dependencies: ["EmbedPatternsTool"]
        ),
        .target(
            name: "Pare",
            dependencies: ["CPCRE2"],
            plugins: ["EmbedDefaultPatterns"]
        ),
        // Corpora: JSONL, WARC/WET, gzip/zstd, folders of files, parallel workers.
        // Apart from `Pare` so that a crawler cleaning one page links no codecs.
        .target(
            name: "PareBulk",
            dependencies: ["Pare", "CZlib", "CZstd"]
        ),
        .executableTarget(
            name: "PareCLI",
            dependencies: [
                "Pare",
                "PareBulk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixtures are read from the source tree by path, not bundled.
        // What several test targets share (a seeded random generator).
        .target(name: "PareTestSupport", path: "Tests/PareTestSupport"),
        .testTarget(name: "PareTests", dependencies: ["Pare", "PareTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PareBulkTests", dependencies: ["PareBulk", "PareTestSupport"]),
        .testTarget(name: "PareCLITests", dependencies: ["PareCLI", "PareTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
