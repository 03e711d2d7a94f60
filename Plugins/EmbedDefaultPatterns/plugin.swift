import Foundation
import PackagePlugin

/// Generates `EmbeddedPatterns.swift` from the package's `Patterns/*.rules` and
/// `Patterns/stoplists/*.txt` on every
/// build, so the default rule packs are compiled into the `Pare` module and the `pare`
/// binary needs no files beside it.
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
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPatterns.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) default rule packs and \(stoplists.count) stop-word lists",
                executable: try context.tool(named: "EmbedPatternsTool").url,
                arguments: [output.path] + files.map(\.path) + ["--stoplists"] + stoplists.map(\.path),
                inputFiles: files + stoplists,
                outputFiles: [output]
            ),
        ]
    }
}
