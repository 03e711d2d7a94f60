/// Applies drop-line and drop-span rules to each line, context-free.
///
/// Drop-line rules are tried in pack order and the first that matches removes the
/// line. If none does, every drop-span rule removes its matches inside the line; a
/// line left with nothing but white space is removed whole. A pattern that hits a
/// PCRE2 limit counts as no match and is tallied in `Document.limitHits`.
struct LineRuleStage: Stage {
    let name = "line-rules"
    let dropLineRules: [RuleMatcher]
    let dropSpanRules: [RuleMatcher]
    private let hasURLScopedRules: Bool
    /// Which drop-line rules can match a line, from its first word.
    private let dispatch: FirstWordDispatch
    /// The drop-line patterns that have a literal prefilter (see
    /// ``RuleMatcher/prefilters``), numbered as in ``dispatch``, and a scanner for all
    /// their literals. Most lines hold none of them: one scan then rules them all
    /// out, instead of one search per pattern.
    private let prefiltered: FirstWordDispatch.PatternSet
    private let sharedPrefilter: LiteralScanner?
    /// The drop-line patterns that the dispatch files under a leading number, so
    /// that every line starting with a digit (a price, a date, a count, a numbered
    /// step) is a candidate for them, and that need a word somewhere in the line
    /// ("2 stars", "5 min read", "12 replies"); and a scanner for those words. A line
    /// that starts with a number and holds none of them tries none of these patterns:
    /// before, such lines made a third of all PCRE2 calls.
    private let numberLed: FirstWordDispatch.PatternSet
    private let numberLedScanner: LiteralScanner?
    /// The drop-line patterns in ``dispatch``'s numbering (rule order, then each
    /// rule's patterns in order), as the per-line loop needs them.
    private let slots: [PatternSlot]
    /// The cut-tail patterns in ``dispatch`` (empty when it leaves them out): a line
    /// kept here whose first word begins one of them is a candidate for the tail cut,
    /// which then needs no reading of first words of its own
    /// (``DocumentMemo/tailCutCandidates``).
    private let tailPatterns: FirstWordDispatch.PatternSet
    /// ``TailCutCandidates/key(of:)`` of the cut-tail rules.
    private let tailPatternsKey: Int

    /// One drop-line pattern with what the per-line loop needs of its rule, as plain
    /// values: walking a line's candidates retains no object (taking a
    /// ``RuleMatcher`` and its patterns out of their arrays did, 7 % of a rules-only
    /// run). The stage's ``dropLineRules`` keep the patterns alive.
    private struct PatternSlot: Sendable {
        let pattern: CompiledPattern.Handle
        /// ``RuleMatcher/prefilters``.
        let prefilter: CompiledPattern.Handle?
        /// Index of the rule in ``dropLineRules``.
        let rule: Int
        let maxWords: Int
        /// The number of the rule's last pattern plus one.
        let ruleEnd: Int
    }

    private static func slots(of rules: [RuleMatcher]) -> [PatternSlot] {
        var slots: [PatternSlot] = []
        for (r, rule) in rules.enumerated() {
            let end = slots.count + rule.patterns.count
            for (pattern, prefilter) in zip(rule.patterns, rule.prefilters) {
                slots.append(PatternSlot(pattern: pattern.handle, prefilter: prefilter?.handle, rule: r,
                                         maxWords: rule.maxWords, ruleEnd: end))
            }
        }
        return slots
    }

    init(rules: [Rule]) {
        dropLineRules = rules.filter { $0.action == .dropLine }.map(\.matcher)
        dropSpanRules = rules.filter { $0.action == .dropSpan }.map(\.matcher)
        hasURLScopedRules = rules.contains { $0.isURLScoped && $0.action != .cutTail }
        let cutTailRules = rules.filter { $0.action == .cutTail }.map(\.matcher)
        (dispatch, tailPatterns) = Self.dispatch(dropLineRules, cutTailRules)
        tailPatternsKey = TailCutCandidates.key(of: cutTailRules)
        (prefiltered, sharedPrefilter) = Self.sharedPrefilter(dropLineRules, dispatch)
        (numberLed, numberLedScanner) = Self.numberLedPrefilter(dropLineRules, dispatch)
        slots = Self.slots(of: dropLineRules)
    }

    /// The dispatch of the drop-line patterns, followed by the cut-tail patterns when
    /// both fit in one (``FirstWordDispatch/PatternSet/capacity``), and the numbers of
    /// the cut-tail patterns in it (empty when they are left out).
    private static func dispatch(_ dropLineRules: [RuleMatcher], _ cutTailRules: [RuleMatcher])
        -> (FirstWordDispatch, FirstWordDispatch.PatternSet) {
        let dropLine = dropLineRules.map { $0.beginnings }
        let cutTail = cutTailRules.map { $0.beginnings }
        let dropLineLabels = dropLineRules.map { $0.labelBeginnings }
        let combined = FirstWordDispatch(beginnings: dropLine + cutTail,
                                         labelBeginnings: dropLineLabels + cutTailRules.map { $0.labelBeginnings })
        guard !cutTail.isEmpty, combined.narrows else {
            return (FirstWordDispatch(beginnings: dropLine, labelBeginnings: dropLineLabels), FirstWordDispatch.PatternSet())
        }
        let tail = combined.rulePatterns[dropLine.count...].reduce(FirstWordDispatch.PatternSet()) { $0.union($1) }
        return (combined, tail)
    }

    /// ``prefiltered`` and ``sharedPrefilter``: the prefiltered patterns (see
    /// ``RuleMatcher/prefilterLiterals``) and a scanner for all their literals.
    private static func sharedPrefilter(_ rules: [RuleMatcher], _ dispatch: FirstWordDispatch)
        -> (FirstWordDispatch.PatternSet, LiteralScanner?) {
        literalScan(rules, dispatch) { rule, j in rule.prefilterLiterals[j] }
    }

    /// ``numberLed`` and ``numberLedScanner``: the patterns filed under a leading
    /// number (and maybe a few words: "or 4 payments", "one person found this
    /// helpful") whose every match holds one of a few words
    /// (``RequiredLiterals``; each word of at least three letters, as a symbol or a
    /// short word is in too many lines to rule any out), and a scanner for all their
    /// words.
    private static func numberLedPrefilter(_ rules: [RuleMatcher], _ dispatch: FirstWordDispatch)
        -> (FirstWordDispatch.PatternSet, LiteralScanner?) {
        func isWord(_ literal: [Unicode.Scalar]) -> Bool {
            literal.filter(\.properties.isAlphabetic).count >= 3
                && literal.allSatisfy { $0.properties.isAlphabetic || $0 == " " }
        }
        return literalScan(rules, dispatch) { rule, j in
            guard let beginnings = rule.beginnings[j], beginnings.contains([LeadingWordAnalysis.digitKey]),
                  let literals = RequiredLiterals.literals(of: rule.patterns[j].source),
                  literals.count <= RuleMatcher.maximumPrefilterLiterals, literals.allSatisfy(isWord)
            else { return nil }
            return Array(literals)
        }
    }

    /// The drop-line patterns for which `literals` gives literals one of which every
    /// match holds, among those with the most common options (a literal found
    /// caselessly by one pattern must be found by the scanner), and one scanner for all
    /// their literals; none when fewer than two patterns would share it.
    private static func literalScan(_ rules: [RuleMatcher], _ dispatch: FirstWordDispatch,
                                    literals: (RuleMatcher, Int) -> [[Unicode.Scalar]]?)
        -> (FirstWordDispatch.PatternSet, LiteralScanner?) {
        // Pattern sets alias beyond their capacity; the dispatch then tries everything.
        guard dispatch.narrows else { return (FirstWordDispatch.PatternSet(), nil) }
        var byOptions: [(PatternOptions, [(Int, [[Unicode.Scalar]])])] = []
        for (r, rule) in rules.enumerated() {
            for j in rule.patterns.indices {
                guard let found = literals(rule, j) else { continue }
                let options = rule.patterns[j].options
                let entry = (dispatch.firstPattern[r] + j, found)
                if let k = byOptions.firstIndex(where: { $0.0 == options }) {
                    byOptions[k].1.append(entry)
                } else {
                    byOptions.append((options, [entry]))
                }
            }
        }
        guard let (options, entries) = byOptions.max(by: { $0.1.count < $1.1.count }), entries.count > 1,
              let scanner = LiteralScanner(literals: Array(Set(entries.flatMap(\.1))), options: options)
        else { return (FirstWordDispatch.PatternSet(), nil) }
        var set = FirstWordDispatch.PatternSet()
        for (index, _) in entries { set.insert(index) }
        return (set, scanner)
    }

    private init(dropLineRules: [RuleMatcher], dropSpanRules: [RuleMatcher]) {
        self.dropLineRules = dropLineRules
        self.dropSpanRules = dropSpanRules
        self.hasURLScopedRules = false
        self.tailPatterns = FirstWordDispatch.PatternSet()
        self.tailPatternsKey = 0
        self.dispatch = FirstWordDispatch(beginnings: dropLineRules.map { $0.beginnings },
                                          labelBeginnings: dropLineRules.map { $0.labelBeginnings })
        (prefiltered, sharedPrefilter) = Self.sharedPrefilter(dropLineRules, dispatch)
        (numberLed, numberLedScanner) = Self.numberLedPrefilter(dropLineRules, dispatch)
        slots = Self.slots(of: dropLineRules)
    }

    func apply(to document: inout Document, scratch: MatchScratch) {
        if hasURLScopedRules {
            // Rare: narrow the rules to this page's URL once, then run as usual.
            let url = document.url
            LineRuleStage(dropLineRules: dropLineRules.filter { $0.applies(toURL: url, scratch: scratch) },
                          dropSpanRules: dropSpanRules.filter { $0.applies(toURL: url, scratch: scratch) })
                .apply(to: &document, scratch: scratch)
            return
        }
        let findsTailCandidates = tailPatterns != FirstWordDispatch.PatternSet()
        if dropLineRules.isEmpty && dropSpanRules.isEmpty && !findsTailCandidates { return }
        var tailCandidates: [Int] = []
        let bytes = document.bytes
        bytes.withUnsafeBufferPointer { buffer in
            for index in document.lines.indices {
                let line = document.lines[index]
                guard line.isKept, !ByteClasses.isBlank(buffer, line.range) else { continue }
                let subject = UnsafeBufferPointer(rebasing: buffer[ByteClasses.withoutTrailingSpace(buffer, line.range)])
                let candidates = dispatch.leadingCandidates(for: subject)
                // Counted only when, and as far as, a rule's word bound needs it:
                // most lines are candidates for no such rule.
                var words = LineWordCounter(subject)
                if let rule = firstDropLineRule(on: subject, candidates: candidates, words: &words,
                                                limitHits: &document.limitHits, scratch: scratch) {
                    document.removeLine(index, rule: dropLineRules[rule].id, stage: name)
                    continue
                }
                let removalsBefore = document.removals.count
                if !dropSpanRules.isEmpty {
                    removeSpans(in: subject, lineIndex: index, lineStart: line.start, words: &words,
                                document: &document, scratch: scratch)
                }
                guard findsTailCandidates, document.lines[index].isKept else { continue }
                if document.removals.count == removalsBefore {
                    if candidates.intersects(tailPatterns) { tailCandidates.append(index) }
                } else if document.withVisibleText(ofLine: index, { dispatch.candidates(for: $0) }).intersects(tailPatterns) {
                    // Spans went: the tail cut reads what is left.
                    tailCandidates.append(index)
                }
            }
        }
        if findsTailCandidates {
            document.memo.tailCutCandidates = TailCutCandidates(patterns: tailPatternsKey, lines: tailCandidates)
        }
    }

    /// The index of the first drop-line rule that matches `subject`, or nil.
    private func firstDropLineRule(on subject: UnsafeBufferPointer<UInt8>,
                                   candidates lineCandidates: FirstWordDispatch.PatternSet? = nil,
                                   words: inout LineWordCounter,
                                   limitHits: inout [String: Int], scratch: MatchScratch) -> Int? {
        var candidates = lineCandidates ?? dispatch.leadingCandidates(for: subject)
        let dispatched = dispatch.dispatchedCount
        var literalsLookedFor = false
        var numberLedWordsLookedFor = false
        // The rule whose patterns are being tried, and whether one hit a PCRE2 limit:
        // a rule counts one limit hit when none of its patterns matched.
        var rule = -1
        var ruleHitLimit = false
        var next = 0
        while true {
            // The next candidate pattern, in rule order: among the patterns the
            // dispatch files, the candidates; after them (more patterns than a set
            // holds), every one.
            let index: Int
            if next < dispatched, let found = candidates.first(from: next, below: dispatched) {
                // (A combined dispatch numbers the cut-tail patterns after these; `.all`,
                // for a line whose start cannot be read, holds every number.)
                guard found < slots.count else { break }
                index = found
            } else {
                let sequential = max(next, dispatched)
                guard sequential < slots.count else { break }
                index = sequential
            }
            next = index + 1
            let slot = slots[index]
            if slot.rule != rule {
                if ruleHitLimit { limitHits[dropLineRules[rule].id, default: 0] += 1 }
                ruleHitLimit = false
                rule = slot.rule
                // A small bound first (a short line settles it without reading); a
                // large one only once a pattern has matched (below): reading up to
                // 120 words of every prose line that starts like a cookie notice cost
                // more than the pattern, which fails within a few bytes.
                guard slot.maxWords > Self.boundCheckedAfterMatch || words.hasAtMost(slot.maxWords) else {
                    next = slot.ruleEnd
                    continue
                }
            }
            if !literalsLookedFor, let sharedPrefilter, prefiltered.contains(index) {
                // First prefiltered candidate on this line: when the line holds none
                // of the literals, no prefiltered pattern can match. (Telling first
                // whether the line is short enough for any of them costs more: the
                // literals are found faster than the words can be counted.)
                literalsLookedFor = true
                if !sharedPrefilter.mayContain(subject) {
                    candidates = candidates.subtracting(prefiltered)
                    continue
                }
            }
            if !numberLedWordsLookedFor, let numberLedScanner, numberLed.contains(index) {
                // Likewise for the patterns led by a number (``numberLed``).
                numberLedWordsLookedFor = true
                if !numberLedScanner.mayContain(subject) {
                    candidates = candidates.subtracting(numberLed)
                    continue
                }
            }
            if let prefilter = slot.prefilter, case .noMatch = prefilter.firstMatch(in: subject, scratch: scratch) {
                continue
            }
            let outcome = slot.pattern.firstMatch(in: subject, scratch: scratch)
            if outcome == .noMatch { continue }
            guard slot.maxWords <= Self.boundCheckedAfterMatch || words.hasAtMost(slot.maxWords) else {
                // The rule does not apply to a line this long.
                next = slot.ruleEnd
                continue
            }
            if outcome == .limitExceeded {
                ruleHitLimit = true
                continue
            }
            return slot.rule
        }
        if ruleHitLimit { limitHits[dropLineRules[rule].id, default: 0] += 1 }
        return nil
    }

    /// Word bounds above this are checked after a pattern matched, not before.
    private static let boundCheckedAfterMatch = 16

    private func removeSpans(in subject: UnsafeBufferPointer<UInt8>, lineIndex: Int, lineStart: Int,
                             words: inout LineWordCounter, document: inout Document, scratch: MatchScratch) {
        // Collect (span, rule) pairs first: a line that ends up blank is removed whole
        // and attributed to the first span rule that acted on it.
        var cuts: [(span: Range<Int>, rule: String)] = []
        var covered = [Bool]()
        for rule in dropSpanRules where words.hasAtMost(rule.maxWords) {
            var from = 0
            while from <= subject.count {
                let outcome = rule.firstMatch(in: subject, from: from, scratch: scratch)
                guard case .match(let found) = outcome else {
                    if outcome == .limitExceeded { document.limitHits[rule.id, default: 0] += 1 }
                    break
                }
                if found.isEmpty {
                    from = found.upperBound + 1   // never loop on an empty match
                    continue
                }
                let span = Self.widenToSwallowSpace(found, in: subject)
                if covered.isEmpty { covered = [Bool](repeating: false, count: subject.count) }
                if !covered[span].contains(true) {
                    for i in span { covered[i] = true }
                    cuts.append((span, rule.id))
                }
                from = found.upperBound
            }
        }
        guard !cuts.isEmpty else { return }
        var leftIsBlank = true
        for i in 0..<subject.count where !covered[i] && !ByteClasses.isSpace(subject[i]) {
            leftIsBlank = false
            break
        }
        if leftIsBlank {
            document.removeLine(lineIndex, rule: cuts[0].rule, stage: name)
            return
        }
        for cut in cuts.sorted(by: { $0.span.lowerBound < $1.span.lowerBound }) {
            let absolute = (cut.span.lowerBound + lineStart)..<(cut.span.upperBound + lineStart)
            document.removeSpan(absolute, inLine: lineIndex, rule: cut.rule, stage: name)
        }
        // What is left is the line a second pass would see: if a drop-line rule
        // matches it now ("Share [ad]" leaving "Share"), the line goes here already.
        var limitHits: [String: Int] = [:]
        let rule = document.withVisibleText(ofLine: lineIndex) { rest in
            var words = LineWordCounter(rest)
            return firstDropLineRule(on: rest, words: &words, limitHits: &limitHits, scratch: scratch)
        }
        document.limitHits.merge(limitHits, uniquingKeysWith: +)
        if let rule { document.removeLine(lineIndex, rule: dropLineRules[rule].id, stage: name) }
    }

    /// When a span sits after white space (or at the line start), the white space
    /// after it goes too, so "a AD b" becomes "a b", not "a  b".
    static func widenToSwallowSpace(_ span: Range<Int>, in subject: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let spaceBefore = span.lowerBound == 0 || ByteClasses.isHorizontalSpace(subject[span.lowerBound - 1])
        guard spaceBefore else { return span }
        var end = span.upperBound
        while end < subject.count && ByteClasses.isHorizontalSpace(subject[end]) { end += 1 }
        return span.lowerBound..<end
    }
}
