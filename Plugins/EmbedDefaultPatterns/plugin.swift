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
        let files = try FileManager.default
            .contentsOfDirectory(at: patterns, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "rules" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let stoplists = try FileManager.default
            .contentsOfDirectory(at: patterns.appending(path: "stoplists"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        // The learned line classifier's model: embedded like the packs so `pare` stays
        // one self-contained binary.
        let models = try FileManager.default
            .contentsOfDirectory(at: patterns.appending(path: "models"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
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
}
