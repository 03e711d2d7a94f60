extension Document {
    /// The kept text: kept lines with their removed spans taken out and trailing
    /// spaces and tabs dropped, each ended by one line feed. Empty when nothing is
    /// kept.
    func renderedBytes() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        // Span records are appended line by line in order, so one cursor walks them.
        let spans = removals.lazy.filter { $0.span != nil }.map { ($0.line, $0.span!) }
        var spanCursor = spans.startIndex
        bytes.withUnsafeBufferPointer { buffer in
            for (index, line) in lines.enumerated() {
                while spanCursor != spans.endIndex && spans[spanCursor].0 < index { spanCursor = spans.index(after: spanCursor) }
                guard line.isKept else { continue }
                var position = line.start
                while spanCursor != spans.endIndex && spans[spanCursor].0 == index {
                    let span = spans[spanCursor].1
                    if span.lowerBound > position {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<min(span.lowerBound, line.end)]))
                    }
                    position = max(position, span.upperBound)
                    spanCursor = spans.index(after: spanCursor)
                }
                if position < line.end {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<line.end]))
                }
                while let last = out.last, ByteClasses.isHorizontalSpace(last) { out.removeLast() }
                out.append(0x0A)
            }
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
