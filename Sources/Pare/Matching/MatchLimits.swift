/// Bounds on the work one PCRE2 match may do.
///
/// A pattern such as `^(a+)+$` backtracks exponentially on `aaaa…ab`; these limits
/// make such a match stop early with ``MatchOutcome/limitExceeded`` instead of hanging
/// the run. A line whose match hits a limit is kept (never treated as a match) and the
/// hit is counted, so nothing is lost silently.
public struct MatchLimits: Sendable, Hashable {
    /// PCRE2's match limit: the number of times its internal match function may be
    /// entered (backtracking points) in one match call. PCRE2's own default is ten
    /// million; one million still lets ordinary patterns scan megabyte-long lines
    /// while bounding a runaway pattern to a few milliseconds.
    public var matchLimit: UInt32
    /// Nesting depth limit for the interpreter (the JIT does not use it).
    public var depthLimit: UInt32
    /// Heap the interpreter may use for backtracking, in KiB.
    public var heapLimitKiB: UInt32
    /// Largest JIT stack a match may grow to, in bytes.
    public var jitStackMaxBytes: Int

    public init(
        matchLimit: UInt32 = 1_000_000,
        depthLimit: UInt32 = 10_000,
        heapLimitKiB: UInt32 = 20_000,
        jitStackMaxBytes: Int = 1 << 20
    ) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
        self.jitStackMaxBytes = jitStackMaxBytes
    }

    /// The limits Pare uses unless told otherwise.
    public static let `default` = MatchLimits()
}
