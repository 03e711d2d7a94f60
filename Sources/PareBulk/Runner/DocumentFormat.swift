/// How the documents of an input are laid out.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// Plain text: the whole input is one document, or with NUL separation many.
    case text
    /// JSON Lines: one JSON object a line; one string field holds the document.
    case jsonl
    /// WARC records as Common Crawl's WET files hold them; `conversion` records are
    /// the documents, other records pass through.
    case wet

    /// The format a file's name announces, after any `.gz`/`.zst` suffix:
    /// `.jsonl`/`.ndjson` → JSONL, `.wet`/`.warc.wet`/`.warc` → WET, anything else text.
    public static func inferred(fromPath path: String) -> DocumentFormat {
        var name = Substring(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        for suffix in [".gz", ".zst", ".zstd"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
            break
        }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonl }
        if name.hasSuffix(".wet") || name.hasSuffix(".warc") { return .wet }
        return .text
    }
}

/// What a bulk run does with a record it cannot read (malformed JSON, a broken WARC
/// record).
public enum RecordErrorPolicy: String, Sendable, CaseIterable {
    /// Stop the run at the first bad record, naming its file and line.
    case stop
    /// Skip bad records, count them, warn once per file; the run ends with exit 3.
    case skip
}
