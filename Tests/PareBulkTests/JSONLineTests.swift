import PareTestSupport
import Testing
@testable import PareBulk

/// One JSONL line and what Python's `json` makes of it (see the generator at the end
/// of this file).
struct JSONCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// Valid, with the decoded `text` and `url` values and
        /// `json.dumps(text, ensure_ascii=False)`.
        case valid(text: String, url: String?, encoded: String)
        case missing
        case notString(JSONValueKind)
        case invalid
    }

    let name: String
    let line: [UInt8]
    let expected: Expected

    init(_ name: String, _ line: [UInt8], _ expected: Expected) {
        self.name = name
        self.line = line
        self.expected = expected
    }

    var testDescription: String { name }
}

private func line(_ text: String) -> [UInt8] { Array(text.utf8) }
private func bytes(_ bytes: [UInt8]) -> [UInt8] { bytes }

private let text = Array("text".utf8)
private let url = Array("url".utf8)

private func scan(_ line: [UInt8], field: [UInt8] = text, urlField: [UInt8]? = url,
                  maximumDepth: Int = JSONLine.defaultMaximumDepth) throws(JSONLineError) -> JSONLineFields {
    let result = line.withUnsafeBytes { raw in
        Result { () throws(JSONLineError) in
            try JSONLine.scan(raw, field: field, urlField: urlField, maximumDepth: maximumDepth)
        }
    }
    return try result.get()
}

private func scanError(_ line: [UInt8], maximumDepth: Int = JSONLine.defaultMaximumDepth) -> JSONLineError? {
    do {
        _ = try scan(line, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

private func decode(_ line: [UInt8], _ range: Range<Int>) -> [UInt8] {
    var output: [UInt8] = []
    line.withUnsafeBytes { JSONLine.decodeString(UnsafeRawBufferPointer(rebasing: $0[range]), into: &output) }
    return output
}

private func encode(_ value: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    JSONLine.appendEncodedString(value, to: &output)
    return output
}

private func splice(_ line: [UInt8], _ range: Range<Int>, _ value: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    line.withUnsafeBytes { JSONLine.replacingValue(in: $0, range: range, withEncoded: value, into: &output) }
    return output
}

@Suite("JSONL lines against Python's json")
struct JSONLineVectorTests {
    @Test(arguments: JSONLineVectors.cases)
    func agreesWithPython(_ testCase: JSONCase) throws {
        let input = testCase.line
        switch testCase.expected {
        case .valid(let expectedText, let expectedURL, let expectedEncoded):
            let fields = try scan(input)
            let value = decode(input, fields.field)
            #expect(value == Array(expectedText.utf8))
            #expect(fields.url.map { String(decoding: decode(input, $0), as: UTF8.self) } == expectedURL)
            #expect(encode(value) == Array(expectedEncoded.utf8))

            // Decode, encode, decode gives the same value back.
            let encoded = encode(value)
            #expect(decode(encoded, 0..<encoded.count) == value)

            // Re-encoding the field's own value changes nothing outside its range.
            let output = splice(input, fields.field, value)
            let after = input.count - fields.field.upperBound
            #expect(output.prefix(fields.field.lowerBound) == input.prefix(fields.field.lowerBound))
            #expect(output.suffix(after) == input.suffix(after))
            #expect(Array(output[fields.field.lowerBound..<output.count - after]) == encoded)
            // ... and when the value was written as Python writes it, nothing at all.
            if Array(input[fields.field]) == encoded { #expect(output == input) }
            let again = try scan(output)
            #expect(decode(output, again.field) == value)

        case .missing:
            #expect(scanError(input) == .fieldMissing(field: "text"))

        case .notString(let kind):
            #expect(scanError(input) == .fieldNotString(field: "text", found: kind))

        case .invalid:
            let error = scanError(input)
            switch error {
            case .emptyLine:
                #expect(input.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            case .invalid(_, let column):
                #expect(column >= 1 && column <= input.count + 1)
            default:
                Issue.record("expected an invalid-JSON error, got \(String(describing: error))")
            }
        }
    }
}

@Suite("JSONL lines")
struct JSONLineTests {
    @Test func rangesIncludeTheQuotes() throws {
        let input = line(#"{"url": "u", "text": "hi"}"#)
        let fields = try scan(input)
        #expect(Array(input[fields.field]) == line(#""hi""#))
        #expect(Array(input[fields.url!]) == line(#""u""#))
    }

    @Test func urlFieldIsOptional() throws {
        #expect(try scan(line(#"{"text": "t", "url": "u"}"#), urlField: nil).url == nil)
        #expect(try scan(line(#"{"text": "t"}"#)).url == nil)
    }

    @Test func otherFieldNames() throws {
        let input = line(#"{"content": "c", "link": "l", "text": "t"}"#)
        let fields = try scan(input, field: Array("content".utf8), urlField: Array("link".utf8))
        #expect(decode(input, fields.field) == line("c"))
        #expect(decode(input, fields.url!) == line("l"))
        // Non-ASCII names, matched against escaped keys too.
        let accented = line(#"{"t\u00e9xt": "é"}"#)
        #expect(decode(accented, try scan(accented, field: Array("téxt".utf8)).field) == line("é"))
    }

    @Test func errorMessagesNameWhatAndWhere() {
        #expect(scanError(line(#"{"text": "abc"#)) == .invalid(reason: "unterminated string", column: 10))
        #expect(scanError(line(#"{"a": 01}"#)) == .invalid(reason: "number with a leading zero", column: 7))
        #expect(scanError(line(#"{"a": 1,}"#)) == .invalid(reason: "trailing comma before '}'", column: 9))
        #expect(scanError(line(#"{"a": 1} x"#)) == .invalid(reason: "unexpected data after the object", column: 10))
        #expect(scanError(line(#"["a"]"#)) == .invalid(reason: "expected an object, found an array", column: 1))
        #expect(scanError(line(#"{"a": NaN}"#)) == .invalid(reason: "expected a value, found 'N'", column: 7))
        #expect(scanError([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x78, 0xFF, 0x22, 0x7D])
                == .invalid(reason: "invalid UTF-8", column: 8))
        #expect(scanError(line("{\"a\": \"x\u{1}\"}")) == .invalid(reason: "unescaped control character byte 0x01 in string", column: 9))
        #expect(scanError(line(#"{"a": "\q"}"#)) == .invalid(reason: "invalid escape '\\' followed by 'q'", column: 8))
        #expect(scanError(line("  ")) == .emptyLine)
    }

    @Test func errorDescriptionsReadWellInARecordError() {
        let error = JSONLineError.invalid(reason: "unterminated string", column: 220)
        let record = MalformedRecord(path: "data.jsonl", line: 17, message: error.description)
        #expect(record.description == "data.jsonl:17: invalid JSON: unterminated string at column 220")
        #expect(JSONLineError.fieldMissing(field: "text").description == #"no "text" field in the object"#)
        #expect(JSONLineError.fieldNotString(field: "text", found: .number).description
                == #"field "text" is a number, not a string"#)
        let warc = MalformedRecord(path: "crawl.warc.wet.gz", byteOffset: 123456,
                                   message: "WARC record without Content-Length")
        #expect(warc.description == "crawl.warc.wet.gz: byte 123456: WARC record without Content-Length")
    }

    @Test func nestingLimit() throws {
        // The line's object is level 1, so 511 arrays inside it reach 512.
        func nested(_ depth: Int) -> [UInt8] {
            line(#"{"text": "t", "x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")
        }
        #expect(try decode(nested(511), scan(nested(511)).field) == line("t"))
        #expect(scanError(nested(512)) == .invalid(reason: "nesting deeper than 512 levels", column: 531))
        #expect(scanError(nested(100_000)) == .invalid(reason: "nesting deeper than 512 levels", column: 531))
        #expect(scanError(nested(3), maximumDepth: 3) != nil)
        #expect(try scan(nested(2), maximumDepth: 3).field == 9..<12)
    }

    @Test func encodingReplacesInvalidUTF8AsPythonDoes() {
        // bytes.decode("utf-8", "replace") then json.dumps(..., ensure_ascii=False).
        let vectors: [([UInt8], String)] = [
            ([0xFF], "\"\u{fffd}\""),
            ([0x61, 0xE2, 0x82, 0x62], "\"a\u{fffd}b\""),
            ([0xF0, 0x9F, 0x98], "\"\u{fffd}\""),
            ([0xED, 0xA0, 0x80], "\"\u{fffd}\u{fffd}\u{fffd}\""),
            ([0xC0, 0xAF], "\"\u{fffd}\u{fffd}\""),
            ([0xF4, 0x90, 0x80, 0x80], "\"\u{fffd}\u{fffd}\u{fffd}\u{fffd}\""),
            ([0x80, 0x80, 0x78], "\"\u{fffd}\u{fffd}x\""),
            ([0xE0, 0x80, 0x80], "\"\u{fffd}\u{fffd}\u{fffd}\""),
            ([0xF0, 0x80, 0x80, 0x80], "\"\u{fffd}\u{fffd}\u{fffd}\u{fffd}\""),
            ([0xC3], "\"\u{fffd}\""),
            ([0x6F, 0x6B, 0x20, 0xC3, 0xA9, 0x20, 0xE2, 0x82, 0xAC, 0x20, 0xF0, 0x9F, 0x98, 0x80, 0x20, 0xFE, 0xFE, 0x20, 0x65, 0x6E, 0x64],
             "\"ok é € 😀 \u{fffd}\u{fffd} end\""),
            ([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F, 0x22, 0x5C, 0x2F],
             "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f}\\\"\\\\/\""),
        ]
        for (input, expected) in vectors {
            #expect(encode(input) == Array(expected.utf8))
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func randomBytesSurviveEncodeAndDecode(seed: UInt64) throws {
        // Random mixes of ASCII, specials and (mostly valid) UTF-8, at every alignment
        // relative to the 8-byte fast path.
        var random = SplitMix64(seed: seed)
        let pieces: [[UInt8]] = [
            line("a"), line("plain words "), line("\""), line("\\"), line("\n"), [0x01], [0x1F], [0x7F],
            line("é"), line("中"), line("😀"), [0xFF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC3],
            line("\u{2028}"), line("/"), [0x00],
        ]
        for _ in 0..<300 {
            var value: [UInt8] = []
            for _ in 0..<Int(random.next() % 40) {
                value += pieces[Int(random.next() % UInt64(pieces.count))]
            }
            let encoded = encode(value)
            let repaired = Array(String(decoding: value, as: UTF8.self).utf8)
            #expect(decode(encoded, 0..<encoded.count) == repaired)
            let record = line(#"{"id": 7, "text": "#) + encoded + line("}")
            let fields = try scan(record)
            #expect(decode(record, fields.field) == repaired)
        }
    }

    @Test func fastPathFindsTheFirstSpecialByte() {
        var random = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            let count = Int(random.next() % 40)
            let buffer: [UInt8] = (0..<count).map { _ in
                // Mostly ordinary bytes, some of each special kind.
                let roll = random.next() % 64
                switch roll {
                case 0: return 0x22
                case 1: return 0x5C
                case 2: return UInt8(random.next() % 0x20)
                case 3: return 0x80 | UInt8(random.next() % 0x80)
                default: return 0x20 + UInt8(random.next() % 0x5F)
                }
            }.map { $0 == 0x22 || $0 == 0x5C ? $0 : ($0 == 0x7F ? 0x7E : $0) }
            let start = count == 0 ? 0 : Int(random.next() % UInt64(count))
            let naive = buffer[start...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 >= 0x80 } ?? count
            let fast = buffer.withUnsafeBufferPointer {
                JSONByteRuns.firstSpecial($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: start, to: count)
            }
            #expect(fast == naive)
        }
    }

    @Test func decodeToleratesBrokenInput() {
        // Not produced by scan, but must not crash or read past the end.
        #expect(decode(line(#""abc\"#), 0..<5) == line("abc") + [0xEF, 0xBF, 0xBD])
        #expect(decode(line(#""\u12""#), 0..<6) == [0xEF, 0xBF, 0xBD] + line("12"))
        #expect(decode(line("x"), 0..<1) == line("x"))
        #expect(decode([], 0..<0) == [])
    }

    @Test func appendingManyLinesGrowsTheOutputGeometrically() throws {
        let input = line(#"{"text": "some text to re-encode", "id": 1}"#)
        let fields = try scan(input)
        var output: [UInt8] = []
        var reallocations = 0
        for _ in 0..<5_000 {
            let capacity = output.capacity
            input.withUnsafeBytes {
                JSONLine.replacingValue(in: $0, range: fields.field, withEncoded: line("new text"), into: &output)
            }
            output.append(0x0A)
            if output.capacity != capacity { reallocations += 1 }
        }
        #expect(reallocations < 40)
    }

    @Test func spliceKeepsEverythingElse() throws {
        let input = line(#"{"id":1,"text" : "old value","meta":{"text":"x"}}"#) + [0x0D]
        let fields = try scan(input)
        let output = splice(input, fields.field, line("new \"value\"\n"))
        #expect(output == line(#"{"id":1,"text" : "new \"value\"\n","meta":{"text":"x"}}"#) + [0x0D])
    }
}

enum JSONLineVectors {
    // Generated by the script in the comment at the end of this file.
    static let cases: [JSONCase] = [
        JSONCase("plain", line(#"{"text": "hello", "url": "http://example.com/a?b=c"}"#), .valid(text: "hello", url: "http://example.com/a?b=c", encoded: "\"hello\"")),
        JSONCase("short escapes", line(#"{"text": "a\"b\\c\/d\b\f\n\r\te"}"#), .valid(text: "a\"b\\c/d\u{8}\u{c}\u{a}\u{d}\u{9}e", url: nil, encoded: "\"a\\\"b\\\\c/d\\b\\f\\n\\r\\te\"")),
        JSONCase("BMP \\u escapes", line(#"{"text": "caf\u00e9 \u4E2D\u6587 \u00E9"}"#), .valid(text: "café 中文 é", url: nil, encoded: "\"café 中文 é\"")),
        JSONCase("surrogate pair", line(#"{"text": "\ud83d\ude00 smile"}"#), .valid(text: "😀 smile", url: nil, encoded: "\"😀 smile\"")),
        JSONCase("lone high surrogate", line(#"{"text": "x\ud83dy"}"#), .valid(text: "x\u{fffd}y", url: nil, encoded: "\"x\u{fffd}y\"")),
        JSONCase("lone low surrogate", line(#"{"text": "\ude00"}"#), .valid(text: "\u{fffd}", url: nil, encoded: "\"\u{fffd}\"")),
        JSONCase("high surrogate then non-surrogate escape", line(#"{"text": "\ud83d\u0041"}"#), .valid(text: "\u{fffd}A", url: nil, encoded: "\"\u{fffd}A\"")),
        JSONCase("two highs then low", line(#"{"text": "\ud83d\ud83d\ude00"}"#), .valid(text: "\u{fffd}😀", url: nil, encoded: "\"\u{fffd}😀\"")),
        JSONCase("raw non-ASCII", line(#"{"text":"naïve – 中文 😀 ü"}"#), .valid(text: "naïve – 中文 😀 ü", url: nil, encoded: "\"naïve – 中文 😀 ü\"")),
        JSONCase("nested text key ignored (before)", line(#"{"meta": {"text": "inner"}, "text": "outer"}"#), .valid(text: "outer", url: nil, encoded: "\"outer\"")),
        JSONCase("nested text key ignored (after)", line(#"{"text": "outer", "meta": {"text": "inner", "list": [{"text": 1}, "text"]}}"#), .valid(text: "outer", url: nil, encoded: "\"outer\"")),
        JSONCase("nested only", line(#"{"meta": {"text": "inner"}, "list": [{"text": "x"}]}"#), .missing),
        JSONCase("duplicate key, last wins", line(#"{"text": "first", "text": "second"}"#), .valid(text: "second", url: nil, encoded: "\"second\"")),
        JSONCase("duplicate key, last not a string", line(#"{"text": "first", "text": 5}"#), .notString(.number)),
        JSONCase("duplicate key, last a string", line(#"{"text": 5, "text": "now a string"}"#), .valid(text: "now a string", url: nil, encoded: "\"now a string\"")),
        JSONCase("escaped key", line(#"{"\u0074ext": "escaped key"}"#), .valid(text: "escaped key", url: nil, encoded: "\"escaped key\"")),
        JSONCase("escaped key later wins", line(#"{"text": "plain", "\u0074\u0065xt": "escaped wins"}"#), .valid(text: "escaped wins", url: nil, encoded: "\"escaped wins\"")),
        JSONCase("escaped url key", line(#"{"\u0075rl": "http://u", "text": "t"}"#), .valid(text: "t", url: "http://u", encoded: "\"t\"")),
        JSONCase("white space everywhere", line(#" \#u{9} {  "text"  :\#u{9}"ws"  ,  "n" : [ 1 , 2 , { } , [ ] ] , "o" : { } }  \#u{9} "#), .valid(text: "ws", url: nil, encoded: "\"ws\"")),
        JSONCase("CRLF line end", line(#"{"text":"crlf"}\#u{d}"#), .valid(text: "crlf", url: nil, encoded: "\"crlf\"")),
        JSONCase("numbers", line(#"{"a": -0, "b": 1.5e+10, "c": 2E-3, "d": 0.0, "e": -12.25e2, "f": 1e400, "text": "n"}"#), .valid(text: "n", url: nil, encoded: "\"n\"")),
        JSONCase("literals", line(#"{"t": true, "f": false, "n": null, "text": ""}"#), .valid(text: "", url: nil, encoded: "\"\"")),
        JSONCase("empty text", line(#"{"text": ""}"#), .valid(text: "", url: nil, encoded: "\"\"")),
        JSONCase("control escapes", line(#"{"text": "\u0000\u001f\u007f\u0008\u000C"}"#), .valid(text: "\u{0}\u{1f}\u{7f}\u{8}\u{c}", url: nil, encoded: "\"\\u0000\\u001f\u{7f}\\b\\f\"")),
        JSONCase("long runs", line(#"{"text": "0123456789abcdef\"0123456789\\0123456789abcdefghij\u00e9klmnopqrstuv", "url": "x"}"#), .valid(text: "0123456789abcdef\"0123456789\\0123456789abcdefghijéklmnopqrstuv", url: "x", encoded: "\"0123456789abcdef\\\"0123456789\\\\0123456789abcdefghijéklmnopqrstuv\"")),
        JSONCase("uppercase hex", line(#"{"text": "\u00E9\u00C9"}"#), .valid(text: "éÉ", url: nil, encoded: "\"éÉ\"")),
        JSONCase("line separators", line(#"{"text": "a\#u{2028}b\#u{2029}c"}"#), .valid(text: "a\u{2028}b\u{2029}c", url: nil, encoded: "\"a\u{2028}b\u{2029}c\"")),
        JSONCase("url not a string", line(#"{"text": "t", "url": 5}"#), .valid(text: "t", url: nil, encoded: "\"t\"")),
        JSONCase("nested 20 deep", line(#"{"text": "deep", "x": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}"#), .valid(text: "deep", url: nil, encoded: "\"deep\"")),
        JSONCase("missing", line(#"{"body": "x"}"#), .missing),
        JSONCase("empty object", line(#"{}"#), .missing),
        JSONCase("key case differs", line(#"{"Text": "x"}"#), .missing),
        JSONCase("key with space", line(#"{"text ": "x"}"#), .missing),
        JSONCase("text null", line(#"{"text": null}"#), .notString(.null)),
        JSONCase("text object", line(#"{"text": {"a": 1}}"#), .notString(.object)),
        JSONCase("text array", line(#"{"text": ["a"]}"#), .notString(.array)),
        JSONCase("text true", line(#"{"text": true}"#), .notString(.boolean)),
        JSONCase("text number", line(#"{"text": -1.5}"#), .notString(.number)),
        JSONCase("trailing comma in object", line(#"{"text": "a",}"#), .invalid),
        JSONCase("trailing comma in array", line(#"{"text": "a", "l": [1,]}"#), .invalid),
        JSONCase("single quotes", line(#"{'text': 'a'}"#), .invalid),
        JSONCase("NaN", line(#"{"text": "a", "n": NaN}"#), .invalid),
        JSONCase("Infinity", line(#"{"text": "a", "n": Infinity}"#), .invalid),
        JSONCase("-Infinity", line(#"{"text": "a", "n": -Infinity}"#), .invalid),
        JSONCase("leading zero", line(#"{"text": "a", "n": 01}"#), .invalid),
        JSONCase("negative leading zero", line(#"{"text": "a", "n": -01}"#), .invalid),
        JSONCase("trailing dot", line(#"{"n": 1.}"#), .invalid),
        JSONCase("leading dot", line(#"{"n": .5}"#), .invalid),
        JSONCase("plus sign", line(#"{"n": +1}"#), .invalid),
        JSONCase("empty exponent", line(#"{"n": 1e}"#), .invalid),
        JSONCase("lone minus", line(#"{"n": -}"#), .invalid),
        JSONCase("unterminated string", line(#"{"text": "abc"#), .invalid),
        JSONCase("unterminated by escaped quote", line(#"{"text": "abc\"}"#), .invalid),
        JSONCase("unterminated object", line(#"{"text": "abc""#), .invalid),
        JSONCase("unterminated after comma", line(#"{"text": "abc","#), .invalid),
        JSONCase("trailing garbage", line(#"{"text": "a"} x"#), .invalid),
        JSONCase("two objects", line(#"{"text": "a"}{}"#), .invalid),
        JSONCase("top-level array", line(#"["text"]"#), .invalid),
        JSONCase("top-level string", line(#""text""#), .invalid),
        JSONCase("top-level number", line(#"1"#), .invalid),
        JSONCase("empty line", line(#""#), .invalid),
        JSONCase("blank line", line(#"   \#u{9}"#), .invalid),
        JSONCase("CR only", line(#"\#u{d}"#), .invalid),
        JSONCase("bare tab in string", line(#"{"text": "a\#u{9}b"}"#), .invalid),
        JSONCase("bare control char in string", line(#"{"text": "a\#u{1}b"}"#), .invalid),
        JSONCase("bare newline in string", line(#"{"text": "a\#u{a}b"}"#), .invalid),
        JSONCase("bad escape", line(#"{"text": "\x41"}"#), .invalid),
        JSONCase("bad \\u escape", line(#"{"text": "\u12G4"}"#), .invalid),
        JSONCase("short \\u escape", line(#"{"text": "\u12"}"#), .invalid),
        JSONCase("invalid UTF-8 byte", bytes([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x20, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x7D]), .invalid),
        JSONCase("overlong UTF-8", bytes([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x20, 0x22, 0x61, 0xC0, 0xAF, 0x62, 0x22, 0x7D]), .invalid),
        JSONCase("truncated UTF-8", bytes([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x20, 0x22, 0x61, 0xE2, 0x82, 0x22, 0x7D]), .invalid),
        JSONCase("UTF-8 surrogate", bytes([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x20, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D]), .invalid),
        JSONCase("UTF-8 beyond U+10FFFF", bytes([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x20, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D]), .invalid),
        JSONCase("invalid UTF-8 in key", bytes([0x7B, 0x22, 0x74, 0x65, 0xFF, 0x74, 0x22, 0x3A, 0x20, 0x22, 0x61, 0x22, 0x7D]), .invalid),
        JSONCase("non-ASCII outside strings", line(#"{"text": "a", é: 1}"#), .invalid),
        JSONCase("byte order mark", line(#"\#u{feff}{"text": "a"}"#), .invalid),
        JSONCase("missing colon", line(#"{"text" "a"}"#), .invalid),
        JSONCase("missing comma", line(#"{"a": 1 "text": "b"}"#), .invalid),
        JSONCase("unquoted key", line(#"{text: "a"}"#), .invalid),
        JSONCase("bad literal tru", line(#"{"a": tru}"#), .invalid),
        JSONCase("bad literal nul", line(#"{"a": nul, "text": "x"}"#), .invalid),
        JSONCase("capitalised True", line(#"{"a": True}"#), .invalid),
        JSONCase("literal with suffix", line(#"{"a": truex}"#), .invalid),
        JSONCase("mismatched brackets", line(#"{"a": [1}"#), .invalid),
        JSONCase("close array for object", line(#"{"a": 1]"#), .invalid),
        JSONCase("missing value", line(#"{"a": }"#), .invalid),
    ]
}

// The cases above were generated with Python 3.11 by this script (kept here so they
// can be regenerated when cases are added):
//
// import json, sys
//
// def reject(c): raise ValueError(c)
//
// def fix(s):  # lone surrogates -> U+FFFD, as the Swift decoder does
//     return ''.join('\ufffd' if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
//
// def kind(v):
//     if isinstance(v, bool): return '.boolean'
//     if v is None: return '.null'
//     if isinstance(v, (int, float)): return '.number'
//     if isinstance(v, dict): return '.object'
//     if isinstance(v, list): return '.array'
//     return '.string'
//
// def python(line):
//     try:
//         v = json.loads(line.decode('utf-8'), parse_constant=reject)
//     except Exception:
//         return '.invalid'
//     if not isinstance(v, dict): return '.invalid'
//     if 'text' not in v: return '.missing'
//     t = v['text']
//     if not isinstance(t, str): return '.notString(%s)' % kind(t)
//     u = v.get('url')
//     u = swift_str(fix(u)) if isinstance(u, str) else 'nil'
//     return '.valid(text: %s, url: %s, encoded: %s)' % (
//         swift_str(fix(t)), u, swift_str(json.dumps(fix(t), ensure_ascii=False)))
//
// def swift_str(s):
//     out = []
//     for c in s:
//         if c == '\\': out.append('\\\\')
//         elif c == '"': out.append('\\"')
//         elif ord(c) < 0x20 or ord(c) == 0x7F or ord(c) in (0x2028, 0x2029, 0xFEFF, 0xFFFD): out.append('\\u{%x}' % ord(c))
//         else: out.append(c)
//     return '"' + ''.join(out) + '"'
//
// def swift_line(b):
//     try:
//         s = b.decode('utf-8')
//         if '"#' in s: raise ValueError
//     except Exception:
//         return 'bytes([' + ', '.join('0x%02X' % x for x in b) + '])'
//     out = []
//     for c in s:
//         if ord(c) < 0x20 or ord(c) == 0x7F or ord(c) in (0x2028, 0x2029, 0xFEFF): out.append('\\#u{%x}' % ord(c))
//         else: out.append(c)
//     return 'line(#"' + ''.join(out) + '"#)'
//
// cases = [
//     # valid
//     ("plain", rb'{"text": "hello", "url": "http://example.com/a?b=c"}'),
//     ("short escapes", rb'{"text": "a\"b\\c\/d\b\f\n\r\te"}'),
//     ("BMP \\u escapes", rb'{"text": "caf\u00e9 \u4E2D\u6587 \u00E9"}'),
//     ("surrogate pair", rb'{"text": "\ud83d\ude00 smile"}'),
//     ("lone high surrogate", rb'{"text": "x\ud83dy"}'),
//     ("lone low surrogate", rb'{"text": "\ude00"}'),
//     ("high surrogate then non-surrogate escape", rb'{"text": "\ud83d\u0041"}'),
//     ("two highs then low", rb'{"text": "\ud83d\ud83d\ude00"}'),
//     ("raw non-ASCII", '{"text":"naïve – 中文 😀 ü"}'.encode()),
//     ("nested text key ignored (before)", rb'{"meta": {"text": "inner"}, "text": "outer"}'),
//     ("nested text key ignored (after)", rb'{"text": "outer", "meta": {"text": "inner", "list": [{"text": 1}, "text"]}}'),
//     ("nested only", rb'{"meta": {"text": "inner"}, "list": [{"text": "x"}]}'),
//     ("duplicate key, last wins", rb'{"text": "first", "text": "second"}'),
//     ("duplicate key, last not a string", rb'{"text": "first", "text": 5}'),
//     ("duplicate key, last a string", rb'{"text": 5, "text": "now a string"}'),
//     ("escaped key", rb'{"\u0074ext": "escaped key"}'),
//     ("escaped key later wins", rb'{"text": "plain", "\u0074\u0065xt": "escaped wins"}'),
//     ("escaped url key", rb'{"\u0075rl": "http://u", "text": "t"}'),
//     ("white space everywhere", b' \t {  "text"  :\t"ws"  ,  "n" : [ 1 , 2 , { } , [ ] ] , "o" : { } }  \t '),
//     ("CRLF line end", b'{"text":"crlf"}\r'),
//     ("numbers", rb'{"a": -0, "b": 1.5e+10, "c": 2E-3, "d": 0.0, "e": -12.25e2, "f": 1e400, "text": "n"}'),
//     ("literals", rb'{"t": true, "f": false, "n": null, "text": ""}'),
//     ("empty text", rb'{"text": ""}'),
//     ("control escapes", rb'{"text": "\u0000\u001f\u007f\u0008\u000C"}'),
//     ("long runs", rb'{"text": "0123456789abcdef\"0123456789\\0123456789abcdefghij\u00e9klmnopqrstuv", "url": "x"}'),
//     ("uppercase hex", rb'{"text": "\u00E9\u00C9"}'),
//     ("line separators", '{"text": "a\u2028b\u2029c"}'.encode()),
//     ("url not a string", rb'{"text": "t", "url": 5}'),
//     ("nested 20 deep", b'{"text": "deep", "x": ' + b'[' * 20 + b']' * 20 + b'}'),
//     ("missing", rb'{"body": "x"}'),
//     ("empty object", b'{}'),
//     ("key case differs", rb'{"Text": "x"}'),
//     ("key with space", rb'{"text ": "x"}'),
//     ("text null", rb'{"text": null}'),
//     ("text object", rb'{"text": {"a": 1}}'),
//     ("text array", rb'{"text": ["a"]}'),
//     ("text true", rb'{"text": true}'),
//     ("text number", rb'{"text": -1.5}'),
//     # invalid
//     ("trailing comma in object", rb'{"text": "a",}'),
//     ("trailing comma in array", rb'{"text": "a", "l": [1,]}'),
//     ("single quotes", rb"{'text': 'a'}"),
//     ("NaN", rb'{"text": "a", "n": NaN}'),
//     ("Infinity", rb'{"text": "a", "n": Infinity}'),
//     ("-Infinity", rb'{"text": "a", "n": -Infinity}'),
//     ("leading zero", rb'{"text": "a", "n": 01}'),
//     ("negative leading zero", rb'{"text": "a", "n": -01}'),
//     ("trailing dot", rb'{"n": 1.}'),
//     ("leading dot", rb'{"n": .5}'),
//     ("plus sign", rb'{"n": +1}'),
//     ("empty exponent", rb'{"n": 1e}'),
//     ("lone minus", rb'{"n": -}'),
//     ("unterminated string", rb'{"text": "abc'),
//     ("unterminated by escaped quote", rb'{"text": "abc\"}'),
//     ("unterminated object", rb'{"text": "abc"'),
//     ("unterminated after comma", rb'{"text": "abc",'),
//     ("trailing garbage", rb'{"text": "a"} x'),
//     ("two objects", rb'{"text": "a"}{}'),
//     ("top-level array", rb'["text"]'),
//     ("top-level string", rb'"text"'),
//     ("top-level number", rb'1'),
//     ("empty line", b''),
//     ("blank line", b'   \t'),
//     ("CR only", b'\r'),
//     ("bare tab in string", b'{"text": "a\tb"}'),
//     ("bare control char in string", b'{"text": "a\x01b"}'),
//     ("bare newline in string", b'{"text": "a\nb"}'),
//     ("bad escape", rb'{"text": "\x41"}'),
//     ("bad \\u escape", rb'{"text": "\u12G4"}'),
//     ("short \\u escape", rb'{"text": "\u12"}'),
//     ("invalid UTF-8 byte", b'{"text": "a\xffb"}'),
//     ("overlong UTF-8", b'{"text": "a\xc0\xafb"}'),
//     ("truncated UTF-8", b'{"text": "a\xe2\x82"}'),
//     ("UTF-8 surrogate", b'{"text": "\xed\xa0\x80"}'),
//     ("UTF-8 beyond U+10FFFF", b'{"text": "\xf4\x90\x80\x80"}'),
//     ("invalid UTF-8 in key", b'{"te\xfft": "a"}'),
//     ("non-ASCII outside strings", '{"text": "a", é: 1}'.encode()),
//     ("byte order mark", '\ufeff{"text": "a"}'.encode()),
//     ("missing colon", rb'{"text" "a"}'),
//     ("missing comma", rb'{"a": 1 "text": "b"}'),
//     ("unquoted key", rb'{text: "a"}'),
//     ("bad literal tru", rb'{"a": tru}'),
//     ("bad literal nul", rb'{"a": nul, "text": "x"}'),
//     ("capitalised True", rb'{"a": True}'),
//     ("literal with suffix", rb'{"a": truex}'),
//     ("mismatched brackets", rb'{"a": [1}'),
//     ("close array for object", rb'{"a": 1]'),
//     ("missing value", rb'{"a": }'),
// ]
//
// print('    // Generated by the script in the comment at the end of this file.')
// print('    static let cases: [JSONCase] = [')
// for name, b in cases:
//     print('        JSONCase(%s, %s, %s),' % (swift_str(name), swift_line(b), python(b)))
// print('    ]')
