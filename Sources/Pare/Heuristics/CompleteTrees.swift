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
