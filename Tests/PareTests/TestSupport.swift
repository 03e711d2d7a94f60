@testable import Pare

/// A cleaner with only the given pack text (plus nothing built in), for stage tests.
func cleaner(pack text: String, file: String = "test.rules") throws -> Cleaner {
    try Cleaner(packs: [RulePack(parsing: text, file: file)])
}

/// Runs one stage over a document built from `text`.
func run(_ stage: any Stage, on text: String) -> Document {
    var document = Document(bytes: Array(text.utf8))
    stage.apply(to: &document, scratch: MatchScratch(limits: .default))
    return document
}

func rendered(_ document: Document) -> String {
    String(decoding: document.renderedBytes(), as: UTF8.self)
}

/// A minimal valid rule block for pack-parser tests.
func ruleBlock(id: String, action: String = "drop-line", pattern: String = "^Advertisement$",
               extra: String = "") -> String {
    """
    rule \(id)
      about test rule
      action \(action)
      pattern \(pattern)
    \(extra)
      remove Advertisement
      keep The advertisement market grew.

    """
}
