import CPCRE2

/// What one attempt to match a pattern against a subject found.
public enum MatchOutcome: Sendable, Equatable {
    /// The pattern matched these byte offsets of the subject.
    case match(Range<Int>)
    /// The pattern does not match.
    case noMatch
    /// PCRE2 stopped before it could decide (match, depth, heap or JIT stack limit).
    /// Pare treats this as "no match" and counts it.
    case limitExceeded
}

/// Options a rule may set on its pattern.
public struct PatternOptions: Sendable, Equatable {
    /// Match letters without regard to case (Unicode-aware).
    public var caseless: Bool

    public init(caseless: Bool = true) {
        self.caseless = caseless
    }
}

/// A PCRE2 pattern compiled once, JIT-compiled on its first match when the library
/// supports it (``LazyJIT``), and shared between threads.
///
/// The pattern is compiled when it is made, so a pattern that does not compile is
/// reported as its pack loads; only the JIT step waits for a match to need it.
///
/// Every pattern is compiled with `PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF`:
/// `\w`, `\b` and case folding follow Unicode, and subjects that are not valid UTF-8
/// are matched safely (invalid sequences simply never match a character) instead of
/// being rejected or rewritten.
final class CompiledPattern: @unchecked Sendable {
    // @unchecked: PCRE2 documents compiled (and JIT-compiled) code as safe to use from
    // many threads at once; the one change after init, the JIT step, is made safe by
    // LazyJIT.
    let source: String
    let options: PatternOptions
    private let code: OpaquePointer
    private let jit: LazyJIT

    init(_ source: String, options: PatternOptions = PatternOptions()) throws(PatternError) {
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
        if options.caseless { flags |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(source.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count,
                            flags, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PatternError(pattern: source, message: Self.message(for: errorCode), offset: errorOffset)
        }
        self.code = compiled
        self.source = source
        self.options = options
        self.jit = LazyJIT()
    }

    deinit {
        pcre2_code_free_8(code)
        jit.deallocate()
    }

    /// Whether PCRE2's JIT has compiled this pattern: false until its first match
    /// attempt, and after it too if the library has no JIT.
    var isJITCompiled: Bool { jit.isCompiled }

    /// Finds the first match in `subject[start...]`.
    ///
    /// - Parameters:
    ///   - subject: UTF-8 bytes (possibly invalid); not copied.
    ///   - start: byte offset to start searching at.
    ///   - scratch: the calling thread's match state.
    func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                    scratch: MatchScratch) -> MatchOutcome {
        handle.firstMatch(in: subject, from: start, scratch: scratch)
    }

    /// The compiled code as a plain value, for loops that try many patterns on every
    /// line: taking a `CompiledPattern` out of an array retains it and releases it
    /// after, and on the drop-line rules that was 7 % of a rules-only run. Valid
    /// only while this pattern lives; its holder keeps the pattern too.
    var handle: Handle { Handle(code: code, jit: jit) }

    /// See ``handle``.
    struct Handle: @unchecked Sendable {
        // @unchecked: the same compiled code CompiledPattern shares between threads.
        fileprivate let code: OpaquePointer
        fileprivate let jit: LazyJIT

        /// ``CompiledPattern/firstMatch(in:from:scratch:)``.
        @inline(__always)
        func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                        scratch: MatchScratch) -> MatchOutcome {
            guard let base = subject.baseAddress else {
                // An empty buffer may have no address; PCRE2 wants a real pointer.
                let zero: UInt8 = 0
                return withUnsafePointer(to: zero) {
                    firstMatch(in: UnsafeBufferPointer(start: $0, count: 0), from: 0, scratch: scratch)
                }
            }
            guard jit.isCompiled else {
                return firstMatchBeforeJIT(in: base, count: subject.count, from: start, scratch: scratch)
            }
            // pcre2_jit_match skips pcre2_match's checks and dispatch: measurably cheaper
            // when called once per line per pattern. It honours the same match context
            // (match limit, JIT stack).
            let rc = pcre2_jit_match_8(code, base, subject.count, start, 0, scratch.matchData, scratch.context)
            return CompiledPattern.outcome(rc, scratch: scratch)
        }

        /// ``firstMatch(in:from:scratch:)`` for a pattern the JIT has not compiled:
        /// on its first use (compiling it), or when the JIT is unavailable. Kept out
        /// of line so that the check costs the hot path one load and a branch, not a
        /// call it must save registers around.
        @inline(never)
        private func firstMatchBeforeJIT(in base: UnsafePointer<UInt8>, count: Int, from start: Int,
                                         scratch: MatchScratch) -> MatchOutcome {
            let rc = jit.compileOnFirstUse(code)
                ? pcre2_jit_match_8(code, base, count, start, 0, scratch.matchData, scratch.context)
                : pcre2_match_8(code, base, count, start, 0, scratch.matchData, scratch.context)
            return CompiledPattern.outcome(rc, scratch: scratch)
        }
    }

    @inline(__always)
    private static func outcome(_ rc: Int32, scratch: MatchScratch) -> MatchOutcome {
        if rc >= 0 {
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let lower = ovector[0], upper = ovector[1]
            // \K in a lookbehind can report start > end; treat it as an empty match.
            return .match(lower <= upper ? lower..<upper : upper..<upper)
        }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL:
            return .noMatch
        default:
            // Limits (match, depth, heap, JIT stack) and anything else PCRE2 reports as a
            // failure to decide: never a match.
            return .limitExceeded
        }
    }

    /// PCRE2's text for an error code.
    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}
