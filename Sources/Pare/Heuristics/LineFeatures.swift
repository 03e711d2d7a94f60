#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The 122 per-unit features of the line classifier, a port of
/// `Benchmarks/quality/model/features.py` (read that file for what each one means).
///
/// A *unit* is a line with at least one word; only units get a row. Features are
/// computed on the ``VirtualPage`` (the text the model was trained on) with Python's
/// character semantics (``PythonCharacters``), so the numbers match the Python code's
/// to the last bit on ordinary text. The names and order are those of the model file;
/// ``LineModel/featureNames`` is checked against ``names`` by the tests.
///
/// All buffers live in the value and are reused from one document to the next.
struct LineFeatures {
    /// Feature names in row order.
    static let names: [String] = [
        "s_words", "s_log_chars", "s_stop_share", "s_stops", "s_prose", "s_menu_like", "s_ideographic",
        "s_end_sentence", "s_end_colon", "s_end_comma", "s_end_ellipsis", "s_question", "s_sentences",
        "s_bullet_star", "s_bullet_plus", "s_bullet_dash", "s_bullet_other", "s_numbered", "s_indent",
        "s_digit_share", "s_cap_share", "s_upper_share", "s_punct_share", "s_starts_lower", "s_avg_word_len",
        "s_separators", "s_slashes", "s_inner_gaps", "s_copyright", "s_at", "s_url", "s_phone", "s_currency",
        "s_year", "s_brackets", "s_pipe_or_bullet_inline",
        "p_pos", "p_word_pos", "g_log_units", "g_log_words", "g_prose_word_share", "g_log_prose_units",
        "g_region_word_share", "r_repeats", "b_gap_before", "b_gap_after", "b_block_units", "b_block_log_words",
        "b_block_prose_share", "i_rel_prose_indent", "i_eq_prose_indent", "i_rel_region_indent", "i_d_prev",
        "i_d_next", "g_in_region", "g_before_region", "g_after_region", "g_no_region", "g_title_slot",
        "g_in_loose_region", "g_in_strict_region", "k0_log_units", "k0_word_share", "k0_prose_share",
        "k2_log_units", "k2_word_share", "k2_prose_share", "k6_log_units", "k6_word_share", "k6_prose_share",
        "r_menu_run", "r_list_run", "c_dist_prev_prose", "c_dist_next_prose", "c_prose_density2",
        "c_prose_density5", "c_prose_wshare2", "c_prose_wshare5",
        "p1_words", "p1_prose", "p1_stop_share", "p1_end_sentence", "p1_menu_like", "p1_numbered",
        "p1_digit_share", "p1_cap_share", "p1_bullet", "p1_d_indent",
        "n1_words", "n1_prose", "n1_stop_share", "n1_end_sentence", "n1_menu_like", "n1_numbered",
        "n1_digit_share", "n1_cap_share", "n1_bullet", "n1_d_indent",
        "p2_words", "p2_prose", "p2_stop_share", "p2_end_sentence", "p2_bullet", "p2_d_indent",
        "n2_words", "n2_prose", "n2_stop_share", "n2_end_sentence", "n2_bullet", "n2_d_indent",
        "p3_words", "p3_prose", "p3_stop_share", "p3_end_sentence", "p3_bullet", "p3_d_indent",
        "n3_words", "n3_prose", "n3_stop_share", "n3_end_sentence", "n3_bullet", "n3_d_indent",
    ]
    static let count = 122

    // Shape columns the neighbour features copy (positions in `names`).
    private static let neighbourColumns = [0, 4, 2, 7]            // words, prose, stop_share, end_sentence
    private static let nearNeighbourColumns = [5, 17, 19, 20]     // menu_like, numbered, digit_share, cap_share


    /// Base facts of one unit (features.py's `Line`).
    struct Unit {
        var line = 0
        var indent = 0
        var words = 0          // \w+ words outside ideographs
        var nw = 0             // effective word count: words + ideographs / 2
        var stops = 0
        var ideographs = 0
        var prose = false
        var bullet = 0         // 0 none, 1 '*', 2 '+', 3 '-', 4 other
        var numbered = false
        var menuLike = false
        var folded: UInt64 = 0 // hash of the lower-cased words joined by one space
        var group: Int32 = 0   // units of equal `folded` share it (0..<repeatGroups)
    }

    var stopwords: StopwordTable
    /// The page the features describe.
    private(set) var page = VirtualPage()
    /// Per virtual line: its effective word count (0 for lines that are not units).
    private(set) var lineWords: [Int] = []
    /// Per virtual line: whether its stripped text is empty.
    private(set) var lineIsBlank: [Bool] = []
    /// The units, in order.
    private(set) var units: [Unit] = []
    /// Number of distinct ``Unit/group`` values: units of the same text, numbered once
    /// in the first round so that later rounds count repeats without hashing.
    private(set) var repeatGroups = 0
    /// Per unit: its ``shapeCount`` shape features (the first columns of its row), unit
    /// after unit. The other columns depend on the page and are made one row at a
    /// time by ``forEachRow(_:)``, so a page of a million lines needs no million rows.
    private(set) var shapeRows: [Double] = []

    private var scratchInts: [Int] = []
    /// ``pageFeatures(_:emit:)``'s per-unit columns, kept from page to page.
    private var pageBuffer: [Int] = []

    init(stopwords: StopwordTable) {
        self.stopwords = stopwords
    }

    var unitCount: Int { units.count }

    /// Calls `body` with each unit's index and its row of ``count`` features, in order.
    /// The row's memory is reused for the next unit.
    mutating func forEachRow(_ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
        var row = [Double](repeating: 0, count: Self.count)
        let size = CompleteTrees.groupSize
        forEachGroup { units, group in
            for (r, k) in units.enumerated() {
                for f in 0..<Self.count { row[f] = group[f * size + r] }
                row.withUnsafeBufferPointer { body(k, $0) }
            }
        }
    }

    /// Calls `body` with runs of ``CompleteTrees/groupSize`` consecutive units (fewer
    /// at the end) and their rows, transposed: feature f of the run's r-th unit at
    /// `groupSize * f + r`, the layout ``LineModel/scores(group:into:)`` reads. A short
    /// run's empty slots repeat its first row. The memory is reused for the next run.
    mutating func forEachGroup(_ body: (Range<Int>, UnsafeBufferPointer<Double>) -> Void) {
        guard !units.isEmpty else { return }
        let n = units.count
        let size = CompleteTrees.groupSize
        var group = [Double](repeating: 0, count: size * Self.count)
        group.withUnsafeMutableBufferPointer { group in
            pageFeatures(group) { k in
                let slot = k % size
                guard slot == size - 1 || k == n - 1 else { return }
                for empty in (slot + 1)..<size {
                    for f in 0..<Self.count { group[f * size + empty] = group[f * size] }
                }
                body((k - slot)..<(k + 1), UnsafeBufferPointer(group))
            }
        }
    }

    /// The row of unit `k` (for tests and tools; ``forEachRow(_:)`` is the fast way).
    mutating func row(_ k: Int) -> [Double] {
        var result: [Double] = []
        forEachRow { unit, row in if unit == k { result = Array(row) } }
        return result
    }

    /// What a line's own text gives, kept per document line from one settling round
    /// to the next (``DocumentMemo``): a line's text does not change between rounds,
    /// only which lines are still there, so only the page features are computed again.
    struct LineMemo {
        /// Per document line: its unit facts (`nw` 0 when it is no unit; `line` unset).
        var units: [Unit] = []
        /// Per document line: whether its stripped text is empty.
        var isBlank: [Bool] = []
        /// Per document line: where its shape features start in ``shape``, or -1
        /// when it is no unit.
        var shapeStart: [Int32] = []
        /// The ``shapeCount`` shape features of each unit, one unit after another.
        var shape: [Double] = []
        /// ``LineFeatures/repeatGroups``.
        var repeatGroups = 0
    }

    /// Number of shape features (`s_*`), the ones a line's own text decides.
    static let shapeCount = 36

    /// Rebuilds the virtual page of `document` and computes every unit's row.
    /// - Parameter memo: the line facts from an earlier round on the same document,
    ///   or nil; on return, the facts of this one.
    mutating func compute(_ document: Document, memo: inout LineMemo?) {
        page.build(from: document, decodingText: memo == nil)
        guard memo == nil else {
            collectUnits(memo: memo!)
            return
        }
        // A copy of the page (its arrays are shared, not copied) lends its text while
        // `self` takes the results.
        let text = page
        text.withText { scalars, classes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, stopwords.maximumLength)) { word in
                var scanner = LineShapeScanner(scalars: scalars, classes: classes, stopwords: stopwords, word: word)
                scan(with: &scanner)
            }
        }
        memo = makeMemo(lineCount: document.lines.count)
    }

    /// First round: scans every line of the page for its unit facts and shape rows.
    private mutating func scan(with scanner: inout LineShapeScanner) {
        units.removeAll(keepingCapacity: true)
        lineWords.removeAll(keepingCapacity: true)
        lineIsBlank.removeAll(keepingCapacity: true)
        var bounds: [(Int, Int)] = []
        bounds.reserveCapacity(page.lineCount)
        for i in 0..<page.lineCount {
            var unit = Unit()
            let (a, b) = scanner.strippedBounds(page.lineStart[i], page.lineEnd[i])
            lineIsBlank.append(a == b)
            scanner.scanLine(page.lineStart[i], page.lineEnd[i], a, b, into: &unit)
            unit.line = i
            lineWords.append(unit.nw)
            if unit.nw > 0 {
                units.append(unit)
                bounds.append((a, b))
            }
        }
        var groupOf: [UInt64: Int32] = [:]
        groupOf.reserveCapacity(units.count)
        for k in units.indices {
            let next = Int32(groupOf.count)
            units[k].group = groupOf[units[k].folded, default: next]
            if units[k].group == next { groupOf[units[k].folded] = next }
        }
        repeatGroups = groupOf.count
        // The shape rows, once the number of units is known.
        let n = units.count
        shapeRows.removeAll(keepingCapacity: true)
        shapeRows.append(contentsOf: repeatElement(0, count: n * Self.shapeCount))
        shapeRows.withUnsafeMutableBufferPointer { rows in
            for k in 0..<n {
                let row = UnsafeMutableBufferPointer(rebasing: rows[(k * Self.shapeCount)..<((k + 1) * Self.shapeCount)])
                scanner.shapeFeatures(of: units[k], bounds[k].0, bounds[k].1, into: row)
            }
        }
    }

    /// A later round: the units still on the page, their facts and shape rows taken
    /// from `memo`.
    private mutating func collectUnits(memo: LineMemo) {
        units.removeAll(keepingCapacity: true)
        lineWords.removeAll(keepingCapacity: true)
        lineIsBlank.removeAll(keepingCapacity: true)
        for i in 0..<page.lineCount {
            let documentLine = page.documentLine[i]
            var unit = Unit()
            if documentLine >= 0 {
                unit = memo.units[documentLine]
                lineIsBlank.append(memo.isBlank[documentLine])
            } else {
                lineIsBlank.append(true)       // the final empty line
            }
            unit.line = i
            lineWords.append(unit.nw)
            if unit.nw > 0 { units.append(unit) }
        }
        repeatGroups = memo.repeatGroups
        shapeRows.removeAll(keepingCapacity: true)
        shapeRows.reserveCapacity(units.count * Self.shapeCount)
        for unit in units {
            let from = Int(memo.shapeStart[page.documentLine[unit.line]])
            shapeRows.append(contentsOf: memo.shape[from..<from + Self.shapeCount])
        }
    }

    /// Rebuilds the virtual page of `document` and computes every unit's row, with
    /// no earlier round to draw on.
    mutating func compute(_ document: Document) {
        var memo: LineMemo?
        compute(document, memo: &memo)
    }

    /// The facts of this round's lines, by document line.
    private func makeMemo(lineCount: Int) -> LineMemo {
        var memo = LineMemo()
        memo.units = Array(repeating: Unit(), count: lineCount)
        memo.isBlank = Array(repeating: true, count: lineCount)
        memo.shapeStart = Array(repeating: -1, count: lineCount)
        memo.shape = shapeRows
        memo.repeatGroups = repeatGroups
        for i in 0..<page.lineCount where page.documentLine[i] >= 0 {
            memo.isBlank[page.documentLine[i]] = lineIsBlank[i]
        }
        for (k, unit) in units.enumerated() {
            let line = page.documentLine[unit.line]
            memo.units[line] = unit
            memo.shapeStart[line] = Int32(k * Self.shapeCount)
        }
        return memo
    }


    // MARK: - Page features

    /// `main_region`: the maximum-score run of units, or nil.
    private func mainRegion(linePenalty: Double, wordPenalty: Double) -> (Int, Int)? {
        var best = 0.0, current = 0.0
        var start = 0
        var region: (Int, Int)?
        for (k, u) in units.enumerated() {
            if current <= 0 { current = 0; start = k }
            current += u.prose ? Double(u.nw) : -(linePenalty + wordPenalty * Double(u.nw))
            if current > best {
                best = current
                region = (start, k)
            }
        }
        return region
    }

    /// The indentation carrying the most prose words in `range` (the smallest such on
    /// ties), or -1 without prose.
    private mutating func proseIndent(_ range: Range<Int>) -> Int {
        scratchInts.removeAll(keepingCapacity: true)
        for k in range where units[k].prose {
            let indent = units[k].indent
            if indent >= scratchInts.count { scratchInts.append(contentsOf: repeatElement(0, count: indent + 1 - scratchInts.count)) }
            scratchInts[indent] += units[k].nw
        }
        var best = -1, bestWords = 0
        for (indent, words) in scratchInts.enumerated() where words > bestWords {
            best = indent
            bestWords = words
        }
        return best
    }

    /// Writes each unit's row (its shape features copied, the page features computed)
    /// into slot `k % groupSize` of the transposed `group` (``forEachGroup(_:)``) and
    /// calls `emit` with the unit's index.
    private mutating func pageFeatures(_ group: UnsafeMutableBufferPointer<Double>, emit: (Int) -> Void) {
        let n = units.count
        let lineCount = page.lineCount
        let shape = shapeRows
        let width = Self.shapeCount

        // The per-unit arrays below are columns of one buffer kept from page to page
        // (out of `self` while in use, so that the methods called meanwhile may mutate).
        var buffer: [Int] = []
        swap(&buffer, &pageBuffer)
        defer { swap(&buffer, &pageBuffer) }
        let columnCount = 15
        let needed = columnCount * (n + 1) + repeatGroups
        if buffer.count < needed { buffer = [Int](repeating: 0, count: max(needed, 2 * buffer.count)) }
        buffer.withUnsafeMutableBufferPointer { buffer in
            var nextColumn = 0
            func column(_ count: Int, _ value: Int) -> UnsafeMutableBufferPointer<Int> {
                let start = nextColumn
                nextColumn += count
                let column = UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + count)])
                column.update(repeating: value)
                return column
            }

            // Prefix sums: prose units, prose words, words.
            let preP = column(n + 1, 0)
            let prePW = column(n + 1, 0)
            let preW = column(n + 1, 0)
            for (k, u) in units.enumerated() {
                preP[k + 1] = preP[k] + (u.prose ? 1 : 0)
                prePW[k + 1] = prePW[k] + (u.prose ? u.nw : 0)
                preW[k + 1] = preW[k] + u.nw
            }
            let totalWords = preW[n], proseWords = prePW[n], proseUnits = preP[n]
            let pageProseIndent = proseIndent(0..<n)

            let region = mainRegion(linePenalty: 2.0, wordPenalty: 0.5)
            let (r0, r1) = region ?? (-1, -2)
            let regionWords = region.map { preW[$0.1 + 1] - preW[$0.0] } ?? 0
            let regionIndent = region != nil ? proseIndent(r0..<(r1 + 1)) : -1
            let loose = mainRegion(linePenalty: 0.5, wordPenalty: 0.1) ?? (0, -1)
            let strict = mainRegion(linePenalty: 6.0, wordPenalty: 1.0) ?? (0, -1)

            // Containers: nearest unit on each side with a smaller indentation, so that
            // "the run around k with indentation >= t" is found by jumping (t <= indent[k]).
            let prevLess = column(n, -1)
            let nextLess = column(n, n)
            let stack = column(n, 0)
            var depth = 0
            for k in 0..<n {
                while depth > 0 && units[stack[depth - 1]].indent >= units[k].indent { depth -= 1 }
                prevLess[k] = depth > 0 ? stack[depth - 1] : -1
                stack[depth] = k
                depth += 1
            }
            depth = 0
            for k in stride(from: n - 1, through: 0, by: -1) {
                while depth > 0 && units[stack[depth - 1]].indent >= units[k].indent { depth -= 1 }
                nextLess[k] = depth > 0 ? stack[depth - 1] : n
                stack[depth] = k
                depth += 1
            }

            // Gaps and blocks.
            let gapBefore = column(n, 0)
            let gapAfter = column(n, 0)
            for k in 0..<n {
                gapBefore[k] = units[k].line - (k > 0 ? units[k - 1].line : -1) - 1
                gapAfter[k] = (k + 1 < n ? units[k + 1].line : lineCount) - units[k].line - 1
            }
            let blockStart = column(n, 0)                    // first unit of k's block
            for k in 1..<max(n, 1) { blockStart[k] = gapBefore[k] > 0 ? k : blockStart[k - 1] }
            let blockEnd = column(n, n - 1)                  // last unit of k's block
            for k in stride(from: n - 2, through: 0, by: -1) { blockEnd[k] = gapBefore[k + 1] > 0 ? k : blockEnd[k + 1] }

            // Repeated text.
            let repeats = column(repeatGroups, 0)
            for u in units { repeats[Int(u.group)] += 1 }

            // Runs of menu-like units, and of units with the same indentation and marker.
            let menuRun = column(n, 0)
            let listRun = column(n, 0)
            var k = 0
            while k < n {
                if units[k].menuLike {
                    var j = k
                    while j < n && units[j].menuLike { j += 1 }
                    for m in k..<j { menuRun[m] = j - k }
                    k = j
                } else {
                    k += 1
                }
            }
            k = 0
            while k < n {
                var j = k
                while j < n && units[j].indent == units[k].indent && units[j].bullet == units[k].bullet
                    && units[j].numbered == units[k].numbered { j += 1 }
                for m in k..<j { listRun[m] = j - k }
                k = j
            }

            // Distance to the nearest prose unit above and below (capped).
            let cap = 20
            let distPrev = column(n, cap)
            let distNext = column(n, cap)
            var lastProse = -1
            for k in 0..<n {
                if lastProse >= 0 { distPrev[k] = min(cap, k - lastProse) }
                if units[k].prose { lastProse = k }
            }
            lastProse = -1
            for k in stride(from: n - 1, through: 0, by: -1) {
                if lastProse >= 0 { distNext[k] = min(cap, lastProse - k) }
                if units[k].prose { lastProse = k }
            }

            func window(_ k: Int, _ r: Int) -> (Double, Double) {
                let a = max(0, k - r), b = min(n, k + r + 1)
                return (Double(preP[b] - preP[a]) / Double(b - a),
                        Double(prePW[b] - prePW[a]) / Double(max(1, preW[b] - preW[a])))
            }

            let neighbourColumns = Self.neighbourColumns, nearNeighbourColumns = Self.nearNeighbourColumns
            let logUnits = SmallLog.log1p(n), logWords = SmallLog.log1p(totalWords)
            let proseWordShare = Double(proseWords) / Double(max(1, totalWords))
            let logProseUnits = SmallLog.log1p(proseUnits)
            let regionWordShare = Double(regionWords) / Double(max(1, totalWords))
            for k in 0..<n {
                let u = units[k]
                let size = CompleteTrees.groupSize
                let row = group.baseAddress! + k % size      // feature c at row[size * c]
                for f in 0..<width { row[size &* f] = shape[k * width + f] }
                var c = width
                func put(_ value: Double) { row[size &* c] = value; c += 1 }
                func flag(_ value: Bool) { row[size &* c] = value ? 1 : 0; c += 1 }
                // position
                put(Double(k) / Double(n))
                put(Double(preW[k]) / Double(max(1, totalWords)))
                // page level
                put(logUnits)
                put(logWords)
                put(proseWordShare)
                put(logProseUnits)
                put(regionWordShare)
                // repetition, gaps
                put(Double(min(5, repeats[Int(u.group)] - 1)))
                put(Double(min(3, gapBefore[k])))
                put(Double(min(3, gapAfter[k])))
                // block
                let b0 = blockStart[k], b1 = blockEnd[k]
                let blockWords = preW[b1 + 1] - preW[b0]
                put(Double(min(30, b1 - b0 + 1)))
                put(SmallLog.log1p(blockWords))
                put(Double(prePW[b1 + 1] - prePW[b0]) / Double(max(1, blockWords)))
                // indentation relative to prose
                put(pageProseIndent >= 0 ? Double(u.indent - pageProseIndent) : 0)
                flag(u.indent == pageProseIndent)
                put(regionIndent >= 0 ? Double(u.indent - regionIndent) : 0)
                put(k > 0 ? Double(u.indent - units[k - 1].indent) : 0)
                put(k + 1 < n ? Double(u.indent - units[k + 1].indent) : 0)
                // region
                flag(r0 <= k && k <= r1)
                put(k < r0 ? SmallLog.log1p(r0 - k) : 0)
                put(region != nil && k > r1 ? SmallLog.log1p(k - r1) : 0)
                flag(region == nil)
                flag(region != nil && k == r0 - 1)
                flag(loose.0 <= k && k <= loose.1)
                flag(strict.0 <= k && k <= strict.1)
                // containers
                for d in 0..<3 {
                    let t = max(0, u.indent - (d == 0 ? 0 : d == 1 ? 2 : 6))
                    var l = k - 1
                    while l >= 0 && units[l].indent >= t { l = prevLess[l] }
                    var r = k + 1
                    while r < n && units[r].indent >= t { r = nextLess[r] }
                    let cu = r - l - 1
                    let cw = preW[r] - preW[l + 1]
                    let cp = prePW[r] - prePW[l + 1]
                    put(SmallLog.log1p(cu))
                    put(Double(cw) / Double(max(1, totalWords)))
                    put(Double(cp) / Double(max(1, cw)))
                }
                // runs
                put(Double(min(30, menuRun[k])))
                put(Double(min(30, listRun[k])))
                // prose context
                put(Double(distPrev[k]))
                put(Double(distNext[k]))
                let (d2, dw2) = window(k, 2)
                let (d5, dw5) = window(k, 5)
                put(d2)
                put(d5)
                put(dw2)
                put(dw5)
                // neighbours
                for d in 1...3 {
                    for m in [k - d, k + d] {
                        let ok = m >= 0 && m < n
                        for column in neighbourColumns { put(ok ? shape[m * width + column] : -1) }
                        if d == 1 {
                            for column in nearNeighbourColumns { put(ok ? shape[m * width + column] : -1) }
                        }
                        put(ok ? (units[m].bullet > 0 || units[m].numbered ? 1 : 0) : -1)
                        put(ok ? Double(units[m].indent - u.indent) : 0)
                    }
                }
                assert(c == Self.count)
                emit(k)
            }
        }
    }
}
