/// A named set of rules read from one rule-pack file.
///
/// The grammar is documented in `Patterns/README.md`. Packs are parsed and their
/// patterns compiled once; a pack is immutable and shared freely between threads.
public struct RulePack: Sendable {
    /// The pack's name (its `pack` line), e.g. `read-next`.
    public let name: String
    /// What the pack removes.
    public let about: String
    /// The file it came from (a path, or `default/NAME.rules` for embedded packs).
    public let file: String
    public let rules: [Rule]

    public init(name: String, about: String, file: String, rules: [Rule]) {
        self.name = name
        self.about = about
        self.file = file
        self.rules = rules
    }

    /// Parses and compiles a pack from its text.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the name used in error messages and ``SourceLocation``s.
    /// - Throws: ``RulePackError`` naming the file and line of the first problem,
    ///   including patterns PCRE2 does not compile.
    public init(parsing text: String, file: String) throws(RulePackError) {
        self = try RulePackParser(file: file).parse(text)
    }

    /// Reads, parses and compiles a pack file.
    ///
    /// - Throws: ``RulePackError`` if the file cannot be read, is not valid UTF-8, or
    ///   has an error.
    public init(contentsOfFile path: String) throws(RulePackError) {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: path) } catch {
            throw RulePackError(SourceLocation(file: path, line: 0), "cannot read rule pack: \(error)")
        }
        if let bad = UTF8Validation.firstInvalidLine(in: bytes) {
            throw RulePackError(SourceLocation(file: path, line: bad), "rule pack is not valid UTF-8")
        }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// The packs that ship inside Pare (the `Patterns/` folder of the repository),
    /// parsed and compiled on first use.
    public static func defaults() throws(RulePackError) -> [RulePack] {
        try DefaultRulePacks.load()
    }
}
