import ArgumentParser
import Pare

/// `pare rules list|test`: inspect and check rule packs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules in force, or run their examples.",
        subcommands: [ListRules.self, TestRules.self]
    )

    struct ListRules: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules in force: id, action, what it removes (with a cut-tail rule's reach, and '(ends content)' for the rules whose lines end the main content).")

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let cleaner = try ruleOptions.makeCleaner()
            let width = max(20, cleaner.rules.map(\.id.count).max() ?? 0)
            var text = ""
            for rule in cleaner.rules {
                // What the action alone does not say: how far a cut may reach, and
                // whether the rule's lines bound the content for the heuristics.
                var notes: [String] = []
                if rule.action == .cutTail { notes.append("tail \(Int((rule.tailFraction * 100).rounded()))%") }
                if rule.endsContent { notes.append("ends content") }
                let prefix = notes.isEmpty ? "" : "(" + notes.joined(separator: ", ") + ") "
                text += rule.id.padding(width) + "  " + rule.action.rawValue.padding(9) + "  " + prefix + rule.about + "\n"
            }
            try OutputWriter.writeStandardOutput(text)
        }
    }

    struct TestRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every rule's remove/keep examples; exit 1 if any fails.",
            discussion: "With FILEs, test the built-in packs and those files (use --no-default-rules to test only the files)."
        )

        @Argument(help: ArgumentHelp("Rule pack files to test as well.", valueName: "FILE"))
        var files: [String] = []

        @Flag(name: .customLong("no-default-rules"), help: "Test only the given files.")
        var noDefaultRules = false

        func run() throws {
            var options = RuleOptions()
            options.packFiles = files
            options.noDefaultRules = noDefaultRules
            let packs = try options.loadPacks()
            var examples = 0
            var failures: [RuleExampleFailure] = []
            for pack in packs {
                examples += pack.rules.reduce(0) { $0 + $1.examples.count }
                failures += pack.failingExamples()
            }
            for failure in failures { printError("FAIL \(failure)") }
            let rules = packs.reduce(0) { $0 + $1.rules.count }
            // Not print(): its failures go unnoticed, and `> /dev/full` must exit 1.
            try OutputWriter.writeStandardOutput("\(examples - failures.count) passed, \(failures.count) failed (\(rules) rules in \(packs.count) packs)\n")
            if !failures.isEmpty { throw CLIError(status: .failure, message: "\(failures.count) rule example\(failures.count == 1 ? "" : "s") failed") }
        }
    }
}
