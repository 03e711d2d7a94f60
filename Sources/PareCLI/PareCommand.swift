import ArgumentParser

/// The `pare` command: cleaning is the default subcommand, so `pare FILE` works.
struct PareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pare",
        abstract: "Strip boilerplate (ads, read-next links, comment widgets, promos, menus) from scraped page text.",
        discussion: """
            Reads each FILE (or standard input, also as '-') as one document and writes the \
            cleaned text to standard output.

            Exit status: 0 done (also when the reader of standard output goes away); 1 runtime \
            failure (message on stderr); 2 bad usage or a rule that does not load; 3 done, but \
            --on-error skip skipped malformed records.
            """,
        version: PareVersion.string,
        subcommands: [CleanCommand.self, RulesCommand.self],
        defaultSubcommand: CleanCommand.self
    )
}

enum PareVersion {
    static let string = "0.1.0"
}
