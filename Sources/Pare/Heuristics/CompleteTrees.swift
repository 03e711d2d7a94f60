/// A tree ensemble re-laid as complete binary trees of one depth, for evaluation
/// without a branch per node.
///
/// A leaf above the full depth becomes a split that always goes left (threshold
/// +infinity) down to copies of the leaf, so every tree is walked in exactly
/// `depth` steps of `node = 2 * node + 1 + (x > threshold)` and every row's path has
/// the same shape. Leaves are added in tree order, so the sum rounds exactly as the
/// plain walk's does. Features never hold NaN (they are counts, shares and flags),
/// and for any other value `x <= +infinity` holds, so the padding never changes a
/// path.
struct CompleteTrees: Sendable {
    /// The largest depth laid out this way: 2^8 leaves a tree is still small, and the
    /// models Pare ships are of depth 5.
    static let maximumDepth = 8

    let depth: Int
    let treeCount: Int
    /// Per tree, its `2^depth - 1` split nodes in breadth-first order.
    private let feature: [Int32]
    private let splitValue: [Double]
    /// Per tree, its `2^depth` leaves, left to right.
    private let leafValue: [Double]
    /// ``feature`` times ``groupSize``: where a split's feature starts in a transposed
    /// group, so a step of the group walk spends no instruction on scaling it.
    private let groupOffset: [Int32]

    /// Lays out the trees given as node arrays (feature -1 for a leaf); nil when a
    /// tree is deeper than ``maximumDepth``.
    init?(roots: [Int32], feature: [Int32], splitValue: [Double], left: [Int32], right: [Int32], leafValue: [Double]) {
        func depthOf(_ node: Int) -> Int {
            feature[node] < 0 ? 0 : 1 + max(depthOf(Int(left[node])), depthOf(Int(right[node])))
        }
        let depth = roots.map { depthOf(Int($0)) }.max() ?? 0
        guard depth <= Self.maximumDepth else { return nil }
        let inner = (1 << depth) - 1
        var features = [Int32](repeating: 0, count: roots.count * inner)
        var splits = [Double](repeating: .infinity, count: roots.count * inner)
        var leaves = [Double](repeating: 0, count: roots.count * (inner + 1))
        for (t, root) in roots.enumerated() {
            // Walk the complete tree's slots; `source` is the original node standing
            // there (a leaf repeats itself below its own depth).
            func place(_ slot: Int, _ source: Int) {
                if slot >= inner {
                    leaves[t * (inner + 1) + slot - inner] = leafValue[source]
                    return
                }
                if feature[source] < 0 {
                    place(2 * slot + 1, source)
                    place(2 * slot + 2, source)
                } else {
                    features[t * inner + slot] = feature[source]
                    splits[t * inner + slot] = splitValue[source]
                    place(2 * slot + 1, Int(left[source]))
                    place(2 * slot + 2, Int(right[source]))
                }
            }
            place(0, Int(root))
        }
        self.depth = depth
        self.treeCount = roots.count
        self.feature = features
        self.splitValue = splits
        self.leafValue = leaves
        self.groupOffset = features.map { $0 * Int32(Self.groupSize) }
    }

    /// Rows scored side by side by ``scores(group:base:into:)``: a walk down a tree is
    /// a chain of dependent loads, so one row at a time leaves the core waiting on each
    /// level; eight independent walks fill the wait.
    static let groupSize = 8

    /// For each of the eight rows of `group`, `base` plus every tree's leaf, into
    /// `sums[0..<8]`. The group is transposed: feature f of row r at `8 * f + r`, so
    /// that the eight walks index one buffer from one base. Each sum is added up in
    /// the same order as ``score(_:base:)``'s, so it is the same number to the last bit.
    func scores(group t: UnsafePointer<Double>, base: Double, into sums: UnsafeMutablePointer<Double>) {
        let inner = (1 << depth) - 1
        groupOffset.withUnsafeBufferPointer { offset in
            splitValue.withUnsafeBufferPointer { split in
                leafValue.withUnsafeBufferPointer { leaves in
                    var f = offset.baseAddress!, s = split.baseAddress!, l = leaves.baseAddress!
                    var s0 = base, s1 = base, s2 = base, s3 = base, s4 = base, s5 = base, s6 = base, s7 = base
                    @inline(__always) func step(_ n: Int, _ r: Int) -> Int {
                        // sklearn's rule: left when x <= threshold; a Bool's bit, not a
                        // branch (paths are data, not predictable).
                        let left = t[Int(f[n]) &+ r] <= s[n]
                        return n &* 2 &+ 2 &- Int(unsafeBitCast(left, to: UInt8.self))
                    }
                    for _ in 0..<treeCount {
                        var n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0
                        for _ in 0..<depth {
                            n0 = step(n0, 0); n1 = step(n1, 1); n2 = step(n2, 2); n3 = step(n3, 3)
                            n4 = step(n4, 4); n5 = step(n5, 5); n6 = step(n6, 6); n7 = step(n7, 7)
                        }
                        let leaf = l - inner
                        s0 += leaf[n0]; s1 += leaf[n1]; s2 += leaf[n2]; s3 += leaf[n3]
                        s4 += leaf[n4]; s5 += leaf[n5]; s6 += leaf[n6]; s7 += leaf[n7]
                        f += inner
                        s += inner
                        l += inner &+ 1
                    }
                    sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3
                    sums[4] = s4; sums[5] = s5; sums[6] = s6; sums[7] = s7
                }
            }
        }
    }

    /// `base` plus every tree's leaf for `row`.
    func score(_ row: UnsafeBufferPointer<Double>, base: Double) -> Double {
        let inner = (1 << depth) - 1
        var sum = base
        feature.withUnsafeBufferPointer { feature in
            splitValue.withUnsafeBufferPointer { split in
                leafValue.withUnsafeBufferPointer { leaves in
                    var f = feature.baseAddress!, s = split.baseAddress!, l = leaves.baseAddress!
                    let x = row.baseAddress!
                    // Wrapping arithmetic: indices stay below 2^(depth+1), and the
                    // overflow checks would cost as much as the walk.
                    for _ in 0..<treeCount {
                        var node = 0
                        for _ in 0..<depth {
                            // sklearn's rule: left when x <= threshold.
                            // A Bool's bit, not a branch: paths are data, not predictable.
                            let left = x[Int(f[node])] <= s[node]
                            node = node &* 2 &+ 2 &- Int(unsafeBitCast(left, to: UInt8.self))
                        }
                        sum += l[node &- inner]
                        f += inner
                        s += inner
                        l += inner &+ 1
                    }
                }
            }
        }
        return sum
    }
}
