import CPCRE2

/// Per-thread working state of the stages: PCRE2 match data, a match context carrying
/// the limits, and a JIT stack, and the line classifier's buffers.
///
/// PCRE2 compiled code is shared between threads (``LazyJIT``), but match data and JIT
/// stacks are not; each thread that matches owns one `MatchScratch` and reuses it for
/// every line, so the hot path allocates nothing.
final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// The line classifier's buffers, lent to each document on this thread in turn so
    /// that they grow once instead of being allocated per document and round.
    var lineFeatures: LineFeatures?

    init(limits: MatchLimits) {
        // Ten ovector pairs is plenty: Pare only reads the whole-match offsets.
        guard let data = pcre2_match_data_create_8(10, nil),
              let context = pcre2_match_context_create_8(nil)
        else { fatalError("PCRE2 could not allocate match data (out of memory)") }
        self.matchData = data
        self.context = context
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        let stack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackMaxBytes), nil)
        self.jitStack = stack
        if let stack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
    }
}
