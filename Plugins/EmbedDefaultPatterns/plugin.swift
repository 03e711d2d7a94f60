import Foundation
import PackagePlugin

/// Generates `EmbeddedPatterns.swift` from the package's `Patterns/*.rules`,
/// `Patterns/stoplists/*.txt` and `Patterns/models/*.txt` on every build, so the
/// default rule packs, stop words and models are compiled into the `Pare` module and
/// the `pare` binary needs no files beside it.
@main
struct EmbedDefaultPatterns: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patterns = context.package.directoryURL.appending(path: "Patterns")
        let files = try Self.files(in: patterns, withExtension: "rules")
        let stoplists = try Self.files(in: patterns.appending(path: "stoplists"), withExtension: "txt")
        // The learned line classifier's model: embedded like the packs so `pare` stays
        // one self-contained binary.
        let models = try Self.files(in: patterns.appending(path: "models"), withExtension: "txt")
        // Built in steps: one long `+` chain is too much for the type checker.
        var arguments: [String] = files.map(\.path)
        arguments += ["--stoplists"] + stoplists.map(\.path)
        arguments += ["--models"] + models.map(\.path)
        let inputs: [URL] = files + stoplists + models
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPatterns.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) default rule packs, \(stoplists.count) stop-word lists and \(models.count) models",
                executable: try context.tool(named: "EmbedPatternsTool").url,
                arguments: [output.path] + arguments,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// The files in `directory` with this extension, in name order (so the generated
    /// source, and the order of the packs, does not depend on the file system).
    private static func files(in directory: URL, withExtension ext: String) throws -> [URL] {
        try FileManager.default
            .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
