/// The second narrowing of ``FirstWordDispatch``: of the patterns a line's first
/// letters make candidates, keeps those that ``LabelPrefixAnalysis`` keyed only when
/// the line's text begins with one of their beginnings ("Privacy Policy" keeps the
/// privacy-label patterns, "Privacy is a right" does not).
///
/// The line is read as the analysis reads patterns: from its first word, each word
/// character folded, each run of digits one token, each run of non-word characters
/// one separator, the end of the line (after any non-word characters) one end token,
/// up to ``LabelPrefixAnalysis/maximumTokens``; the hash of every prefix of that
/// sequence is looked up. A line that cannot be read with certainty (invalid UTF-8, a mark, a
/// character without a simple fold) keeps every keyed pattern: narrowing is only ever
/// an optimisation.
struct LabelPrefixFilter: Sendable {
    /// The patterns the filter narrows.
    let keyed: FirstWordDispatch.PatternSet
    /// The patterns filed under each beginning's ``LabelPrefixAnalysis/Key/hash``.
    private let byBeginning: PatternSetTable

    /// - Parameter beginnings: for each pattern, in dispatch order, its
    ///   ``LabelPrefixAnalysis/beginnings(of:)`` (nil: not narrowed); indices at or
    ///   past ``FirstWordDispatch/PatternSet/capacity`` are ignored.
    init(beginnings: [Set<UInt64>?]) {
        var keyed = FirstWordDispatch.PatternSet()
        var table: [UInt64: FirstWordDispatch.PatternSet] = [:]
        for (index, keys) in beginnings.enumerated() where index < FirstWordDispatch.PatternSet.capacity {
            guard let keys else { continue }
            keyed.insert(index)
            for key in keys { table[key, default: FirstWordDispatch.PatternSet()].insert(index) }
        }
        self.keyed = keyed
        self.byBeginning = PatternSetTable(table)
    }

    /// `candidates` less the keyed patterns that cannot match `line`.
    @inline(__always)
    func narrow(_ candidates: FirstWordDispatch.PatternSet, for line: UnsafeBufferPointer<UInt8>) -> FirstWordDispatch.PatternSet {
        guard candidates.intersects(keyed) else { return candidates }
        guard let possible = possible(for: line) else { return candidates }
        return candidates.subtracting(keyed.subtracting(possible))
    }

    /// The keyed patterns one of whose beginnings `line` begins with; nil when the
    /// line cannot be read with certainty.
    private func possible(for line: UnsafeBufferPointer<UInt8>) -> FirstWordDispatch.PatternSet? {
        var found = FirstWordDispatch.PatternSet()
        var hash = LabelPrefixAnalysis.hashBasis
        var tokens = 0
        var position = 0
        // Before the first word: skipped, as `\W*` would.
        var inWord = false
        var pendingSeparator = false
        var inDigits = false
        // Converted pages indent with runs of spaces: past the leading ASCII run of
        // non-word bytes in one tight loop.
        while position < line.count, line[position] < 0x80, !WordScanner.isASCIIWordByte(line[position]) {
            position += 1
        }
        while tokens < LabelPrefixAnalysis.maximumTokens {
            guard position < line.count else {
                // The end of the line, after any non-word characters.
                guard tokens > 0 else { return found }
                hash = LabelPrefixAnalysis.hashStep(hash, LabelPrefixAnalysis.end)
                if let set = byBeginning[hash] { found = found.union(set) }
                return found
            }
            let value: UInt32
            let byte = line[position]
            if byte < 0x80 {
                value = UInt32(byte)
                position += 1
            } else {
                guard let (scalar, length) = UTF8Decoding.scalar(in: line, at: position) else { return nil }
                value = scalar
                position += length
            }
            guard let isWord = LabelPrefixAnalysis.isWordCharacter(value) else { return nil }
            if !isWord {
                if inWord { pendingSeparator = true }
                inWord = false
                inDigits = false
                continue
            }
            if pendingSeparator {
                pendingSeparator = false
                hash = LabelPrefixAnalysis.hashStep(hash, LabelPrefixAnalysis.separator)
                tokens += 1
                if let set = byBeginning[hash] { found = found.union(set) }
                if tokens == LabelPrefixAnalysis.maximumTokens { break }
            }
            if CaseFolding.isDecimalDigit(value) {
                // A run of digits is one token.
                if !inDigits {
                    inDigits = true
                    inWord = true
                    hash = LabelPrefixAnalysis.hashStep(hash, LabelPrefixAnalysis.digits)
                    tokens += 1
                    if let set = byBeginning[hash] { found = found.union(set) }
                }
                continue
            }
            inDigits = false
            let folded: UInt32
            if value < 0x80 {
                folded = value >= 0x41 && value <= 0x5A ? value + 0x20 : value
            } else {
                guard let f = CaseFolding.fold(value) else {
                    // The analysis ends a beginning before such a character: what was
                    // read so far has been looked up, but a longer beginning could
                    // still match in ways the hash cannot tell.
                    return nil
                }
                folded = f
            }
            inWord = true
            hash = LabelPrefixAnalysis.hashStep(hash, folded)
            tokens += 1
            if let set = byBeginning[hash] { found = found.union(set) }
        }
        return found
    }
}
