// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pare",
    products: [
        .library(name: "Pare", targets: ["Pare"]),
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
        .executableTarget(
            name: "PareCLI",
            dependencies: [
                "Pare",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PareTests", dependencies: ["Pare"]),
        .testTarget(name: "PareCLITests", dependencies: ["PareCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
