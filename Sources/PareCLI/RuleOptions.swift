import ArgumentParser
import Pare

/// Options that choose the rules, shared by `pare` (clean) and `pare rules`.
struct RuleOptions: ParsableArguments {
    @Option(name: [.customShort("e"), .customLong("drop-line")],
            help: ArgumentHelp("Also drop lines matching this PCRE2 pattern (repeatable, like grep -e).",
                               valueName: "PATTERN"))
    var dropLinePatterns: [String] = []

    @Flag(name: [.customShort("i"), .customLong("ignore-case")],
          help: "Match -e patterns without regard to case.")
    var ignoreCase = false

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add the rules in this pack file (repeatable).", valueName: "FILE"))
    var packFiles: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Leave out the built-in rule packs.")
    var noDefaultRules = false

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn off a rule id or a whole pack (repeatable).", valueName: "ID"))
    var disabled: [String] = []

    @Option(name: .customLong("heuristic"),
            help: "What removes menus and link lists after the rules: adaptive (the default: the hand-tuned content region, and the learned line classifier at its conservative threshold on pages where the region holds little of the prose, such as shop grids and listings), region (the content region on every page) or classifier (the classifier on every page: removes most, about 1.8× the time of region; pages under 100 words get the content region). With any, a line of 8+ words that repeats a kept line above it goes (see --keep-repeated-lines).")
    var heuristic: HeuristicName = .adaptive

    @Flag(name: .customLong("no-heuristics"), help: "Rules only: no heuristic after the rules.")
    var noHeuristics = false

    @Flag(name: .customLong("conservative"),
          help: "Keep more: the content region removes only clear menus (long runs of very short lines), on every page with adaptive; the classifier keeps lines down to a probability of 0.1.")
    var conservative = false

    @Option(name: .customLong("classifier-threshold"),
            help: ArgumentHelp("With --heuristic classifier: keep a line when the model's probability that it is content is at least P (0 to 1; default the model's, 0.225; lower keeps more).",
                               valueName: "P"))
    var classifierThreshold: Double?

    @Flag(name: .customLong("keep-repeated-lines"),
          help: "Keep a line of 8 or more words that repeats a kept line above it word for word (by default, with a heuristic, the copy goes and the first stays).")
    var keepRepeatedLines = false

    /// Loads the chosen packs; every failure is a usage error (exit 2) naming the file
    /// and line, or the `-e` pattern.
    func loadPacks() throws(CLIError) -> [RulePack] {
        var packs: [RulePack] = []
        do {
            if !noDefaultRules { packs += try RulePack.defaults() }
            for file in packFiles { packs.append(try RulePack(contentsOfFile: file)) }
        } catch {
            throw .usage(error.description)
        }
        return packs
    }

    /// The user's `-e` patterns as drop-line rules `user.e1`, `user.e2`, …
    func commandLineRules() throws(CLIError) -> [Rule] {
        var rules: [Rule] = []
        for (index, pattern) in dropLinePatterns.enumerated() {
            do {
                rules.append(try Rule(id: "user.e\(index + 1)", pack: "user", action: .dropLine, pattern: pattern,
                                      options: PatternOptions(caseless: ignoreCase),
                                      about: "-e pattern \(index + 1) from the command line"))
            } catch {
                throw .usage("-e pattern \(index + 1) '\(pattern)' does not compile: \(error.message) at offset \(error.offset)")
            }
        }
        return rules
    }

    func makeCleaner() throws(CLIError) -> Cleaner {
        if let classifierThreshold {
            guard heuristic == .classifier && !noHeuristics else {
                throw .usage("--classifier-threshold needs --heuristic classifier")
            }
            guard (0...1).contains(classifierThreshold) else {
                throw .usage("--classifier-threshold must lie between 0 and 1, not \(classifierThreshold)")
            }
        }
        let packs = try loadPacks()
        let extra = try commandLineRules()
        do {
            return try Cleaner(packs: packs, extraRules: extra, disabled: Set(disabled), heuristic: chosenHeuristic,
                               removesRepeatedLines: !keepRepeatedLines)
        } catch let error as CleanerError {
            throw .usage(error.description)
        } catch {
            throw .usage("\(error)")
        }
    }
}

extension RuleOptions {
    /// `--no-heuristics` wins over the rest; `--conservative` keeps more with any
    /// heuristic, and `--classifier-threshold` sets the classifier's threshold outright.
    var chosenHeuristic: Heuristic {
        if noHeuristics { return .none }
        switch heuristic {
        case .classifier:
            if let classifierThreshold { return .lineClassifier(LineClassifierOptions(keepThreshold: classifierThreshold)) }
            return .lineClassifier(conservative ? .conservative : .default)
        case .region:
            return .contentRegion(conservative ? .conservative : .default)
        case .adaptive:
            // The conservative region has no share below which a page is weak.
            return conservative ? .adaptive(.conservative) : .adaptive()
        }
    }
}

enum HeuristicName: String, ExpressibleByArgument, CaseIterable {
    case adaptive, classifier, region
}
