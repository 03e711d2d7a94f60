import FuzzSupport
import PareBulk

/// The JSONL path of the bulk runner on arbitrary bytes: a ``LineReader`` fed in reads
/// of random size (checked against a plain split), then each line scanned for its
/// `text` and `url` fields, decoded, and spliced with a new value as a cleaned record
/// is written, with the result scanned again.
enum JSONLTarget {
    static let textField = Array("text".utf8)
    static let urlField = Array("url".utf8)

    static func run(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let seed = InputHash.fnv1a(data)
        var random = SplitMix64(seed: seed)
        // Small limits and buffers reach the over-long-line and buffer-growth paths
        // with inputs of a few hundred bytes.
        let maximumLineBytes = [8, 100, 1 << 20][Int(random.next() % 3)]
        let bufferSize = Int.random(in: 1...64, using: &random)
        let source = ChunkedByteSource(bytes, seed: seed, largestRead: Int.random(in: 1...80, using: &random))
        let reader = LineReader(source: source, path: "fuzz.jsonl", maximumLineBytes: maximumLineBytes,
                                bufferSize: bufferSize)
        let expected = ReferenceLines(bytes).lines
        var index = 0
        while true {
            do {
                guard let line = try reader.nextLine() else { break }
                fuzzCheck(index < expected.count, "line \(index + 1) past the \(expected.count) in the input")
                fuzzCheck(line.elementsEqual(expected[index].bytes), "line \(index + 1) differs from the input's")
                fuzzCheck(line.count <= maximumLineBytes, "line of \(line.count) bytes over the limit \(maximumLineBytes)")
                fuzzCheck(reader.lineNumber == index + 1 && reader.byteOffset == expected[index].offset,
                          "line \(index + 1) reported as \(reader.lineNumber) at \(reader.byteOffset)")
                checkRecord(line)
            } catch .malformed(let record) {
                fuzzCheck(index < expected.count && expected[index].bytes.count > maximumLineBytes,
                          "line \(index + 1) rejected: \(record)")
                fuzzCheck(record.line == index + 1 && record.byteOffset == expected[index].offset,
                          "over-long line \(index + 1) reported as \(record)")
            } catch {
                fuzzCheck(false, "an in-memory source failed: \(error)")
            }
            index += 1
        }
        fuzzCheck(index == expected.count, "\(index) lines read of \(expected.count)")
    }

    /// One line as `BatchCleaner` handles it.
    static func checkRecord(_ line: UnsafeRawBufferPointer) {
        let fields: JSONLineFields
        do {
            fields = try JSONLine.scan(line, field: textField, urlField: urlField)
        } catch .emptyLine {
            fuzzCheck(line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A },
                      "a line with content called empty")
            return
        } catch .invalid(_, let column) {
            fuzzCheck(column >= 1 && column <= line.count + 1, "column \(column) in a line of \(line.count) bytes")
            checkShallowScan(line, deep: nil)
            return
        } catch {
            checkShallowScan(line, deep: nil)
            return
        }
        checkShallowScan(line, deep: fields)
        checkStringRange(fields.field, in: line)
        var text: [UInt8] = []
        JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: line[fields.field]), into: &text)
        fuzzCheck(String(validating: text, as: UTF8.self) != nil, "decoded value is not valid UTF-8")
        var url: [UInt8]?
        if let range = fields.url {
            checkStringRange(range, in: line)
            var decoded: [UInt8] = []
            JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: line[range]), into: &decoded)
            url = decoded
        }

        // Splice in what a cleaner might return: the text unchanged, and its first
        // half (cut anywhere, even inside a character, as a span removal can).
        for edited in [text, Array(text.prefix(text.count / 2))] {
            var output: [UInt8] = []
            JSONLine.replacingValue(in: line, range: fields.field, withEncoded: edited, into: &output)
            fuzzCheck(output.starts(with: line[..<fields.field.lowerBound])
                      && output.reversed().starts(with: line[fields.field.upperBound...].reversed()),
                      "splicing changed bytes outside the value")
            output.withUnsafeBytes { spliced in
                let again: JSONLineFields
                do {
                    again = try JSONLine.scan(spliced, field: textField, urlField: urlField)
                } catch {
                    fuzzCheck(false, "a spliced line does not scan: \(error)")
                    return
                }
                var reread: [UInt8] = []
                JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: spliced[again.field]), into: &reread)
                // The encoder turns invalid UTF-8 (a cut character) into U+FFFD, so
                // compare with the edit as it decodes.
                fuzzCheck(reread == Array(String(decoding: edited, as: UTF8.self).utf8),
                          "the spliced value reads back differently")
                var rereadURL: [UInt8]?
                if let range = again.url {
                    var decoded: [UInt8] = []
                    JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: spliced[range]), into: &decoded)
                    rereadURL = decoded
                }
                fuzzCheck(rereadURL == url, "splicing the text changed the url")
            }
        }
    }

    /// A scan with a small depth limit agrees with the default one wherever it
    /// succeeds, and fails wherever the default one finds the line invalid.
    static func checkShallowScan(_ line: UnsafeRawBufferPointer, deep: JSONLineFields?) {
        let depth = line.count % 6 + 1
        do {
            let shallow = try JSONLine.scan(line, field: textField, urlField: urlField, maximumDepth: depth)
            fuzzCheck(shallow == deep, "depth \(depth) found \(shallow), the default depth \(String(describing: deep))")
        } catch {
            return
        }
    }

    /// A string value's range lies in the line and runs from quote to quote.
    static func checkStringRange(_ range: Range<Int>, in line: UnsafeRawBufferPointer) {
        fuzzCheck(range.lowerBound >= 0 && range.upperBound <= line.count && range.count >= 2
                  && line[range.lowerBound] == 0x22 && line[range.upperBound - 1] == 0x22,
                  "value range \(range) is not a string literal in a line of \(line.count) bytes")
    }
}
