/// Settings of the line classifier (``Heuristic/lineClassifier(_:)``).
public struct LineClassifierOptions: Sendable, Equatable {
    /// A line stays when the model's probability that it is content is at least this;
    /// nil for the threshold shipped with the model (0.225, the best word F1 on the
    /// development set with about 0.85 of the must-keep snippets kept). Lower keeps
    /// more: 0 keeps every line with a word, above 1 none.
    public var keepThreshold: Double?

    public init(keepThreshold: Double? = nil) {
        self.keepThreshold = keepThreshold
    }

    /// The model's own threshold.
    public static let `default` = LineClassifierOptions()

    /// Keeps more: threshold 0.1 (what the adaptive default gives the pages it sends to
    /// the classifier). On the development set, on every page, it keeps 0.863 of the
    /// must-keep snippets (0.850 at the model's threshold) and still removes 0.725 of
    /// the must-remove ones (0.841), for a word F1 of 0.802 (0.837); the content
    /// region's conservative thresholds give 0.759 / 0.866 / 0.580.
    public static let conservative = LineClassifierOptions(keepThreshold: 0.1)
}
