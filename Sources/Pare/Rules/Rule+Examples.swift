/// A rule example whose outcome differs from what its pack says.
public struct RuleExampleFailure: Sendable, Equatable, CustomStringConvertible {
    public let ruleID: String
    public let example: RuleExample
    /// What actually happened, e.g. `kept` or `became "…"`.
    public let actual: String

    public var description: String {
        let expected: String
        switch example.expectation {
        case .kept: expected = "keep"
        case .removed(becomes: nil): expected = "remove"
        case .removed(becomes: let text?): expected = "become \"\(text)\""
        }
        return "\(example.location): rule \(ruleID) should \(expected) \"\(example.text)\" but it was \(actual)"
    }
}

extension Rule {
    /// Runs each of the rule's examples through the rule alone, as a one-line
    /// document, and returns those that do not come out as written.
    ///
    /// A cut-tail example checks only whether the line starts a cut; where in a
    /// document a cut may start is the stage's business and tested there.
    public func failingExamples(limits: MatchLimits = .default) -> [RuleExampleFailure] {
        let scratch = MatchScratch(limits: limits)
        var asAlone = self
        asAlone.tailFraction = 1.0
        let stage: any Stage = action == .cutTail ? TailCutStage(rules: [asAlone]) : LineRuleStage(rules: [asAlone])
        var failures: [RuleExampleFailure] = []
        for example in examples {
            var document = Document(bytes: Array(example.text.utf8))
            stage.apply(to: &document, scratch: scratch)
            let rendered = String(decoding: document.renderedBytes(), as: UTF8.self)
            let output = rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered
            let acted = !document.removals.isEmpty
            let actual = !acted ? "kept" : (document.lines.allSatisfy { !$0.isKept } ? "removed" : "became \"\(output)\"")
            switch example.expectation {
            case .kept where acted,
                 .removed(becomes: nil) where !acted:
                failures.append(RuleExampleFailure(ruleID: id, example: example, actual: actual))
            case .removed(becomes: let expected?) where output != expected || !acted:
                failures.append(RuleExampleFailure(ruleID: id, example: example, actual: actual))
            default:
                break
            }
        }
        return failures
    }
}

extension RulePack {
    /// Every failing example of every rule in the pack.
    public func failingExamples(limits: MatchLimits = .default) -> [RuleExampleFailure] {
        rules.flatMap { $0.failingExamples(limits: limits) }
    }
}
