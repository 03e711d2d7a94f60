extension Document {
    /// The kept text: kept lines with their removed spans taken out and trailing
    /// spaces and tabs dropped, each ended by one line feed. Empty when nothing is
    /// kept.
    func renderedBytes() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        for index in lines.indices where lines[index].isKept {
            withVisibleText(ofLine: index) { out.append(contentsOf: $0) }
            out.append(0x0A)
        }
        return out
    }

    /// The public view of every removal, with its text.
    func publicRemovals() -> [Removal] {
        removals.map { record in
            let line = lines[record.line]
            let range = record.span ?? (line.start..<line.end)
            let relative = record.span.map { ($0.lowerBound - line.start)..<($0.upperBound - line.start) }
            return Removal(ruleID: record.ruleID, stage: record.stage, lineNumber: record.line + 1,
                           span: relative, text: String(decoding: bytes[range], as: UTF8.self),
                           detail: record.detail.text)
        }
    }
}
