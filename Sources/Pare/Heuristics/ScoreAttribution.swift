/// Which features pushed a unit's score where it is: the "deciding feature" that
/// `--explain` names for a line the classifier removed.
///
/// Each tree's share of the score is split along the unit's path through it (Saabas'
/// attribution): a split moves the expected score from its node's to the chosen
/// child's, and that change is put down to the split's feature. A node's expected
/// score is the mean of its two children's, each branch counted alike (the model
/// file keeps no sample counts); so the shares are an approximation, and they add up
/// to the score minus the trees' root expectations, not to the score itself.
///
/// Walks every tree once per unit, so the classifier asks for it only for the lines
/// it removes, and only when a report is wanted (``Document/explains``).
struct ScoreAttribution: Sendable {
    private let model: LineModel
    /// Per node of ``LineModel``'s arrays: its expected score.
    private let expected: [Double]

    init(model: LineModel) {
        self.model = model
        var expected = [Double](repeating: 0, count: model.feature.count)
        // Children come after their parents, so one backward pass fills them first.
        for node in stride(from: model.feature.count - 1, through: 0, by: -1) {
            expected[node] = model.feature[node] < 0
                ? model.leafValue[node]
                : (expected[Int(model.left[node])] + expected[Int(model.right[node])]) / 2
        }
        self.expected = expected
    }

    /// The `count` features that lowered the score of the unit whose feature `f` is
    /// `value(f)` the most, most first; none that raised it.
    func strongestAgainst(count: Int, value: (Int) -> Double) -> [ClassifierReason] {
        var amounts = [Double](repeating: 0, count: model.featureCount)
        for root in model.roots {
            var node = Int(root)
            while model.feature[node] >= 0 {
                let f = Int(model.feature[node])
                let child = Int(value(f) <= model.splitValue[node] ? model.left[node] : model.right[node])
                amounts[f] += expected[child] - expected[node]
                node = child
            }
        }
        return amounts.indices.filter { amounts[$0] < 0 }
            .sorted { amounts[$0] < amounts[$1] || (amounts[$0] == amounts[$1] && $0 < $1) }
            .prefix(count)
            .map { ClassifierReason(feature: model.featureNames[$0], value: value($0), amount: amounts[$0]) }
    }
}
