#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A trained keep/drop model for lines: gradient-boosted regression trees over the
/// features of ``LineFeatures``, in the text format `Benchmarks/quality/model/train.py`
/// writes.
///
/// ```
/// features N
/// feature I NAME
/// stage 1 kind gbt trees T base B
/// stage 1 threshold P
/// node 1 T K F THR L R V     # F = -1: leaf worth V; else x[F] <= THR ? L : R
/// ```
///
/// The nodes of all trees live in flat arrays (one entry per node, child links as
/// absolute indices), so evaluating a row walks plain arrays and allocates nothing.
struct LineModel: Sendable {
    /// Number of input features a row must have.
    let featureCount: Int
    /// The feature names, in row order (for checking against ``LineFeatures/names``).
    let featureNames: [String]
    /// Added to the sum of the leaves before the sigmoid.
    let base: Double
    /// A unit is kept when its probability is at least this.
    let threshold: Double
    /// Index of each tree's root in the node arrays.
    let roots: [Int32]
    /// Split feature, or -1 for a leaf.
    let feature: [Int32]
    let splitValue: [Double]
    let left: [Int32]
    let right: [Int32]
    let leafValue: [Double]
    /// The same trees as complete binary trees, when they are shallow enough: the
    /// fast way to evaluate them (see ``CompleteTrees``).
    private let complete: CompleteTrees?

    /// Number of trees.
    var treeCount: Int { roots.count }

    /// The model built into Pare (`Patterns/models/line-classifier.txt`).
    static let embedded: LineModel = {
        guard let text = EmbeddedPatterns.models.first(where: { $0.name == "line-classifier.txt" })?.text else {
            fatalError("Pare was built without Patterns/models/line-classifier.txt")
        }
        do {
            let model = try LineModel(text: text)
            precondition(model.featureCount == LineFeatures.count,
                         "the model expects \(model.featureCount) features, Pare computes \(LineFeatures.count)")
            return model
        } catch {
            // The file is part of the build and covered by tests; a broken one is a
            // build defect, not a runtime condition.
            fatalError("embedded line-classifier model: \(error)")
        }
    }()

    /// Parses a model file.
    /// - Throws: ``LineModelError`` naming the line of the first bad record, or the
    ///   file when something required is missing (features, trees, threshold).
    init(text: String) throws(LineModelError) {
        var text = text
        // Bytes, not Characters, and no allocation per line: the embedded model has
        // some 13,000 lines and is read at every start of the command line tool
        // (splitting each line into an array of substrings and keeping the nodes in
        // dictionaries cost 93 M instructions, a quarter of the start-up).
        var outcome = Result<Records, LineModelError>.success(Records())
        text.withUTF8 { bytes in outcome = Result { () throws(LineModelError) in try Self.records(of: bytes) } }
        let parsed = try outcome.get()
        let (featureCount, names, base, threshold, declaredTrees) = (parsed.featureCount, parsed.names, parsed.base,
                                                                     parsed.threshold, parsed.declaredTrees)
        let trees = parsed.trees
        guard featureCount > 0 else { throw LineModelError(line: 0, message: "missing 'features N'") }
        guard names.count == featureCount else {
            throw LineModelError(line: 0, message: "\(names.count) feature names for \(featureCount) features")
        }
        guard let base, declaredTrees > 0 else { throw LineModelError(line: 0, message: "missing 'stage 1 kind gbt trees T base B'") }
        guard let threshold else { throw LineModelError(line: 0, message: "missing 'stage 1 threshold P'") }

        // Flatten: tree t's local node k lands at offset[t] + k. Local indices must be
        // dense (0..<count) so that the offsets work; sklearn's export is.
        var roots: [Int32] = [], feature: [Int32] = [], splitValue: [Double] = []
        var left: [Int32] = [], right: [Int32] = [], leafValue: [Double] = []
        for (t, nodes) in trees.enumerated() {
            guard !nodes.isEmpty else { throw LineModelError(line: 0, message: "tree \(t) has no nodes") }
            let offset = feature.count
            roots.append(Int32(offset))
            for k in 0..<nodes.count {
                guard let (f, split, l, r, value, at) = nodes[k] else {
                    throw LineModelError(line: 0, message: "tree \(t) lacks node \(k) (nodes must be numbered 0..<\(nodes.count))")
                }
                if f >= 0 {
                    guard l > 0 && l < nodes.count && r > 0 && r < nodes.count && l != k && r != k else {
                        throw LineModelError(line: at, message: "child of node \(k) in tree \(t) out of range")
                    }
                    // Children after their parent rule out cycles.
                    guard l > k && r > k else {
                        throw LineModelError(line: at, message: "children of node \(k) in tree \(t) must come after it")
                    }
                }
                feature.append(Int32(f)); splitValue.append(split)
                left.append(Int32(offset + max(l, 0))); right.append(Int32(offset + max(r, 0)))
                leafValue.append(value)
            }
        }
        self.featureCount = featureCount
        self.featureNames = names
        self.base = base
        self.threshold = threshold
        self.roots = roots
        self.feature = feature
        self.splitValue = splitValue
        self.left = left
        self.right = right
        self.leafValue = leafValue
        self.complete = CompleteTrees(roots: roots, feature: feature, splitValue: splitValue,
                                      left: left, right: right, leafValue: leafValue)
    }

    /// What ``init(text:)`` reads from the records of a model file, before checking
    /// that it is complete and flattening the trees.
    private struct Records {
        var featureCount = -1
        var names: [String] = []
        var base: Double?
        var threshold: Double?
        var declaredTrees = -1
        /// Per tree, its nodes by local index: (feature, threshold, left, right,
        /// value, line); nil for an index no record gave.
        var trees: [[(Int, Double, Int, Int, Double, Int)?]] = []
    }

    private static func records(of bytes: UnsafeBufferPointer<UInt8>) throws(LineModelError) -> Records {
        var records = Records()
        // The fields of the line being read, as byte ranges; one buffer for all lines.
        var fields: [Range<Int>] = []
        fields.reserveCapacity(16)
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            let contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
            fields.removeAll(keepingCapacity: true)
            var i = lineStart
            while i < contentEnd {
                while i < contentEnd && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                let fieldStart = i
                while i < contentEnd && bytes[i] != 0x20 && bytes[i] != 0x09 { i += 1 }
                if i > fieldStart { fields.append(fieldStart..<i) }
            }
            guard let keywordRange = fields.first, bytes[keywordRange.lowerBound] != 0x23 else { continue }   // "#"
            try record(fields, of: bytes, line: lineStart..<contentEnd, number: lineNumber, into: &records)
        }
        return records
    }

    /// Reads one record (a line of `fields`, none of them a comment) into `records`.
    private static func record(_ fields: [Range<Int>], of bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>,
                               number lineNumber: Int, into records: inout Records) throws(LineModelError) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func fail(_ message: String) -> LineModelError { LineModelError(line: lineNumber, message: message) }
        func field(_ i: Int, is word: StaticString) -> Bool {
            guard i < fields.count, fields[i].count == word.utf8CodeUnitCount else { return false }
            return zip(fields[i], UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
                .allSatisfy { bytes[$0] == $1 }
        }
        func int(_ i: Int) throws(LineModelError) -> Int {
            guard i < fields.count, let v = Self.integer(in: UnsafeBufferPointer(rebasing: bytes[fields[i]])) else {
                throw fail("expected an integer as field \(i + 1) of '\(text(line))'")
            }
            return v
        }
        func double(_ i: Int) throws(LineModelError) -> Double {
            guard i < fields.count, let v = Double(text(fields[i])), !v.isNaN else {
                throw fail("expected a number as field \(i + 1) of '\(text(line))'")
            }
            return v
        }
        func expectStageOne() throws(LineModelError) {
            // Stacked models (stage 2) need the first stage's probabilities of the
            // neighbours as inputs; Pare only evaluates single-stage models.
            guard try int(1) == 1 else { throw fail("only single-stage models (stage 1) are supported") }
        }

        if field(0, is: "node") {
            guard fields.count == 9 else { throw fail("expected 'node S T K F THR L R V'") }
            try expectStageOne()
            guard records.declaredTrees > 0 else { throw fail("node before 'stage 1 kind gbt trees T base B'") }
            let tree = try int(2), index = try int(3), f = try int(4)
            let split = try double(5), l = try int(6), r = try int(7), value = try double(8)
            guard tree >= 0 && tree < records.declaredTrees else {
                throw fail("tree \(tree) out of range 0..<\(records.declaredTrees)")
            }
            // (An index far beyond the nodes given would leave a gap, reported as a
            // missing node; the bound keeps a typo from allocating a huge array.)
            guard index >= 0, index < 1 << 20, index >= records.trees[tree].count || records.trees[tree][index] == nil else {
                throw fail("node \(index) of tree \(tree) is negative or repeated")
            }
            guard f >= -1 && (records.featureCount < 0 || f < records.featureCount) else {
                throw fail("feature \(f) out of range")
            }
            if index >= records.trees[tree].count {
                records.trees[tree].append(contentsOf: repeatElement(nil, count: index + 1 - records.trees[tree].count))
            }
            records.trees[tree][index] = (f, split, l, r, value, lineNumber)
        } else if field(0, is: "features") {
            guard fields.count == 2 else { throw fail("expected 'features N'") }
            records.featureCount = try int(1)
            guard records.featureCount > 0 else { throw fail("feature count must be positive") }
        } else if field(0, is: "feature") {
            guard fields.count == 3 else { throw fail("expected 'feature I NAME'") }
            guard try int(1) == records.names.count else { throw fail("feature indices must count up from 0") }
            records.names.append(text(fields[2]))
        } else if field(0, is: "stage") {
            try expectStageOne()
            if fields.count == 8 && field(2, is: "kind") && field(3, is: "gbt") && field(4, is: "trees") && field(6, is: "base") {
                records.declaredTrees = try int(5)
                guard records.declaredTrees > 0 else { throw fail("tree count must be positive") }
                records.base = try double(7)
                records.trees = Array(repeating: [], count: records.declaredTrees)
            } else if fields.count == 4 && field(2, is: "threshold") {
                let p = try double(3)
                guard p >= 0 && p <= 1 else { throw fail("threshold must lie in [0, 1]") }
                records.threshold = p
            } else if fields.count >= 3 && field(2, is: "kind") {
                throw fail("unsupported model kind '\(fields.count > 3 ? text(fields[3]) : "")' (only gbt)")
            } else {
                throw fail("expected 'stage 1 kind gbt trees T base B' or 'stage 1 threshold P'")
            }
        } else if field(0, is: "coef") || field(0, is: "stack-features") {
            throw fail("'\(text(fields[0]))' records (logistic or stacked models) are not supported")
        } else {
            throw fail("unknown record '\(text(fields[0]))'")
        }
    }

    /// A decimal integer with an optional sign, as `Int(_:)` reads it; nil otherwise.
    private static func integer(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if i < bytes.count && (bytes[i] == 0x2D || bytes[i] == 0x2B) { negative = bytes[i] == 0x2D; i += 1 }
        guard i < bytes.count, bytes.count - i <= 18 else {
            // Empty, or long enough to overflow: the standard parser decides.
            return bytes.count > i ? Int(String(decoding: bytes, as: UTF8.self)) : nil
        }
        var value = 0
        while i < bytes.count {
            let digit = Int(bytes[i]) - 0x30
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
            i += 1
        }
        return negative ? -value : value
    }

    /// The raw score (log-odds of "content") of one row of ``featureCount`` values.
    func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        precondition(row.count >= featureCount)
        if let complete { return complete.score(row, base: base) }
        // Start from the base and add tree by tree, in sklearn's order, so the sum
        // rounds the same way.
        var sum = base
        for root in roots {
            var node = Int(root)
            while true {
                let f = Int(feature[node])
                if f < 0 { sum += leafValue[node]; break }
                // sklearn's rule: left when x <= threshold.
                node = Int(row[f] <= splitValue[node] ? left[node] : right[node])
            }
        }
        return sum
    }

    /// The raw scores of a group of ``CompleteTrees/groupSize`` rows, transposed
    /// (feature f of row r at `groupSize * f + r`), into `scores[0..<groupSize]`: the
    /// same numbers as ``score(_:)``'s, found faster by walking the rows' trees side
    /// by side.
    func scores(group: UnsafeBufferPointer<Double>, into scores: UnsafeMutableBufferPointer<Double>) {
        let size = CompleteTrees.groupSize
        precondition(group.count >= size * featureCount && scores.count >= size)
        if let complete {
            complete.scores(group: group.baseAddress!, base: base, into: scores.baseAddress!)
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: featureCount) { row in
            for r in 0..<size {
                for f in 0..<featureCount { row[f] = group[f * size + r] }
                scores[r] = score(UnsafeBufferPointer(row))
            }
        }
    }

    /// The probability that the unit is content: sigmoid of ``score(_:)``.
    func probability(_ row: UnsafeBufferPointer<Double>) -> Double {
        Self.sigmoid(score(row))
    }

    /// The probability a raw score stands for.
    static func sigmoid(_ score: Double) -> Double {
        1 / (1 + exp(-score))
    }

    /// Convenience for tests and tools.
    func probability(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { probability($0) }
    }
}
