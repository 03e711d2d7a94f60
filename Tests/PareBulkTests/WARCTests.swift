import Testing
@testable import PareBulk

/// A WET file built as Common Crawl writes them: a `warcinfo` record, then one
/// `conversion` record per page, CRLF framing, SHA-1 Base32 block digests.
enum SampleWET {
    static let infoBody = "Software-Info: ia-web-commons.1.1.10-SNAPSHOT-20240208113118\r\nExtracted-Date: Sat, 24 Feb 2024 23:40:48 GMT\r\nrobots: checked via crawler-commons 1.5-SNAPSHOT (https://github.com/crawler-commons/crawler-commons)\r\nisPartOf: CC-MAIN-2024-10\r\noperator: Common Crawl Admin (info@commoncrawl.org)\r\ndescription: Wet files containing extracted plain text from the data in CC-MAIN-2024-10.\r\npublisher: Common Crawl\r\n"
    static let bodies = [
        "Example Domain\nThis domain is for use in illustrative examples in documents.\n\nMore information...\nCookie settings | Privacy policy\n",
        "Grüße aus Köln – 中文 😀\nZweite Zeile\n",
        // Text that looks like WARC framing must not confuse the reader.
        "A page quoting a WARC header:\nWARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\n\r\n\nlast line",
    ]
    static let uris = ["http://example.com/", "https://köln.example/grüße", "https://example.org/warc?x=1"]
    // base64.b32encode(hashlib.sha1(body).digest()) in Python.
    static let infoDigest = "sha1:TUMCOUG4BVCCLGTK6CADEWPLBL5ZPWR2"
    static let digests = [
        "sha1:RA76OSMLIODH3Y7TQDMR4273474BLQB3",
        "sha1:EEKG2GKMVFGTKD4SI4BUF6LPHEFOOEMG",
        "sha1:TWAB5KJKZRMX7KWIIPDXW2ARE3ZDIA5J",
    ]

    static func record(_ headers: [(String, String)], _ body: String) -> String {
        "WARC/1.0\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n" + body + "\r\n\r\n"
    }

    static let info = record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2024-02-24T23:40:48Z"),
        ("WARC-Filename", "CC-MAIN-20240220211055-20240221001055-00000.warc.wet.gz"),
        ("WARC-Record-ID", "<urn:uuid:2d5b8e0a-8d4c-4a4d-9f3b-0c1f2a3b4c5d>"),
        ("WARC-Block-Digest", infoDigest),
        ("Content-Type", "application/warc-fields"),
        ("Content-Length", String(infoBody.utf8.count)),
    ], infoBody)

    static func conversion(_ index: Int) -> String {
        record([
            ("WARC-Type", "conversion"),
            ("WARC-Target-URI", uris[index]),
            ("WARC-Date", "2024-02-20T22:33:5\(index)Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-00000000000\(index)>"),
            ("WARC-Refers-To", "<urn:uuid:10000000-0000-4000-8000-00000000000\(index)>"),
            ("WARC-Block-Digest", digests[index]),
            ("WARC-Identified-Content-Language", "eng"),
            ("Content-Type", "text/plain"),
            ("Content-Length", String(bodies[index].utf8.count)),
        ], bodies[index])
    }

    static let records = [info, conversion(0), conversion(1), conversion(2)]
    static let file = Array(records.joined().utf8)
}

@Suite("WARC records")
struct WARCTests {
    func readAll(_ bytes: [UInt8], chunkSizes: ClosedRange<Int> = 1...Int.max, seed: UInt64 = 1,
                 maximumRecordBytes: Int = 1 << 30) throws -> [WARCRecord] {
        let reader = WARCReader(source: MemorySource(bytes, chunkSizes: chunkSizes, seed: seed),
                                path: "crawl.warc.wet.gz", maximumRecordBytes: maximumRecordBytes)
        var records: [WARCRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    func readError(_ text: String, maximumRecordBytes: Int = 1 << 30) -> MalformedRecord? {
        malformedError { try readAll(Array(text.utf8), maximumRecordBytes: maximumRecordBytes) }
    }

    func emitted(_ records: [WARCRecord]) -> [UInt8] {
        var output: [UInt8] = []
        for record in records { WARCWriter.append(record, to: &output) }
        return output
    }

    @Test func readsACommonCrawlWETFile() throws {
        let records = try readAll(SampleWET.file)
        #expect(records.count == 4)
        #expect(records.map(\.type) == ["warcinfo", "conversion", "conversion", "conversion"])
        #expect(records.map(\.targetURI) == [nil] + SampleWET.uris)
        #expect(records[0].body == Array(SampleWET.infoBody.utf8))
        #expect(records.dropFirst().map { String(decoding: $0.body, as: UTF8.self) } == SampleWET.bodies)
        #expect(records.map { String(decoding: $0.versionLine, as: UTF8.self) } == Array(repeating: "WARC/1.0", count: 4))
        #expect(records[1].recordID == "<urn:uuid:00000000-0000-4000-8000-000000000000>")
        #expect(records[1].headers.count == 9)
        #expect(records[1].headers[0] == WARCHeader("WARC-Type", "conversion"))
        // Offsets point at each record's version line.
        var offset = 0
        for (record, text) in zip(records, SampleWET.records) {
            #expect(record.byteOffset == offset)
            offset += text.utf8.count
        }
    }

    @Test func storedDigestsMatchOurSHA1() throws {
        for record in try readAll(SampleWET.file) {
            let digest = "sha1:" + String(decoding: Base32.encode(SHA1.hash(record.body)), as: UTF8.self)
            #expect(record.stringValue(forHeader: "WARC-Block-Digest") == digest)
        }
    }

    @Test func headerLookupIgnoresCase() throws {
        let record = try readAll(SampleWET.file)[1]
        #expect(record.stringValue(forHeader: "warc-target-uri") == SampleWET.uris[0])
        #expect(record.value(forHeader: "CONTENT-TYPE") == Array("text/plain".utf8))
        #expect(record.value(forHeader: "Content-Typ") == nil)
        #expect(record.value(forHeader: "X-Missing") == nil)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func chunkBoundariesDoNotMatter(seed: UInt64) throws {
        let records = try readAll(SampleWET.file, chunkSizes: 1...13, seed: seed)
        #expect(records == (try readAll(SampleWET.file)))
    }

    @Test func unchangedRecordsAreWrittenByteForByte() throws {
        #expect(emitted(try readAll(SampleWET.file)) == SampleWET.file)
        // A new body equal to the old one counts as unchanged.
        let record = try readAll(SampleWET.file)[2]
        var output: [UInt8] = []
        WARCWriter.append(record, newBody: record.body, to: &output)
        #expect(output == Array(SampleWET.records[2].utf8))
    }

    @Test func changedBodyGetsNewLengthAndDigest() throws {
        let records = try readAll(SampleWET.file)
        // New bodies and base64.b32encode(hashlib.sha1(body).digest()) from Python.
        let changes: [(Int, String, String)] = [
            (1, "Example Domain\nThis domain is for use in illustrative examples in documents.\n",
             "sha1:TPJV5WLSE757TDTBFWM4WZNJHLV4ZLP7"),
            (2, "Grüße – 中文\n", "sha1:V5OEHG4BFLX6XLFNYYJDYJDYBSJR4NEQ"),
            (3, "", "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"),
        ]
        for (index, body, digest) in changes {
            var output: [UInt8] = []
            WARCWriter.append(records[index], newBody: Array(body.utf8), to: &output)
            let rewritten = try readAll(output)
            #expect(rewritten.count == 1)
            let record = rewritten[0]
            #expect(record.body == Array(body.utf8))
            #expect(record.stringValue(forHeader: "Content-Length") == String(body.utf8.count))
            #expect(record.stringValue(forHeader: "WARC-Block-Digest") == digest)
            // Everything else is as it was, in the same order.
            #expect(record.headers.map(\.name) == records[index].headers.map(\.name))
            for (new, old) in zip(record.headers, records[index].headers)
            where !new.matches("Content-Length") && !new.matches("WARC-Block-Digest") {
                #expect(new == old)
            }
        }
    }

    @Test func appendingManyRecordsGrowsTheOutputGeometrically() throws {
        // Reserving exactly the next record's size before each append would copy the
        // whole batch every time (quadratic); count the reallocations instead.
        let record = try readAll(SampleWET.file)[1]
        var output: [UInt8] = []
        var reallocations = 0
        for _ in 0..<5_000 {
            let capacity = output.capacity
            WARCWriter.append(record, newBody: Array("changed".utf8), to: &output)
            if output.capacity != capacity { reallocations += 1 }
        }
        #expect(reallocations < 40)
    }

    @Test func payloadDigestIsRewrittenWhenPresentAndDigestAddedWhenMissing() throws {
        let record = WARCRecord(headers: [
            WARCHeader("WARC-Type", "resource"),
            WARCHeader("WARC-Payload-Digest", "sha1:AAAA"),
            WARCHeader("Content-Length", "3"),
        ], body: Array("old".utf8))
        var output: [UInt8] = []
        WARCWriter.append(record, newBody: [], to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Payload-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\nContent-Length: 0\r\nWARC-Block-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\n\r\n\r\n\r\n")

        let bare = WARCRecord(headers: [WARCHeader("WARC-Type", "conversion")], body: Array("hi".utf8))
        output = []
        WARCWriter.append(bare, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n")
    }

    @Test func tolerantFraming() throws {
        // Bare LF, blank lines between records, lower-case names, a folded header,
        // spaces around values, and no record end at the end of the file.
        let text = "\r\n\nWARC/1.0\nWARC-Type: conversion\ncontent-length:   5  \nWARC-Target-URI: http://a/\n  continued\n\nhello\n\n\n\r\nWARC/1.1\r\nWARC-Type: conversion\r\nContent-Length: 3\r\n\r\nend"
        let records = try readAll(Array(text.utf8))
        #expect(records.count == 2)
        #expect(records[0].body == Array("hello".utf8))
        #expect(records[0].targetURI == "http://a/ continued")
        #expect(records[0].byteOffset == 3)
        #expect(records[1].body == Array("end".utf8))
        #expect(records[1].versionLine == Array("WARC/1.1".utf8))
        // One line end after the body, then the end of the file, is fine too.
        #expect(try readAll(Array("WARC/1.0\r\nContent-Length: 1\r\n\r\nx\r\n".utf8)).count == 1)
        #expect(try readAll([]).isEmpty)
        #expect(try readAll(Array("\r\n\r\n".utf8)).isEmpty)
    }

    @Test func missingVersionLine() {
        let error = readError("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(error?.description == #"crawl.warc.wet.gz: byte 0: expected a WARC version line (WARC/1.0), found "HTTP/1.1 200 OK""#)
        // Also between records (the second one starts at byte 36), and the prefix is
        // case-sensitive.
        let second = readError("WARC/1.0\r\nContent-Length: 1\r\n\r\nx\r\n\r\nwarc/1.0\r\n")
        #expect(second?.byteOffset == 36)
    }

    @Test func headerLineWithoutColon() {
        let error = readError("WARC/1.0\r\nWARC-Type conversion\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
        #expect(error?.byteOffset == 10)
        #expect(error?.message == #"WARC header line without a colon: "WARC-Type conversion""#)
    }

    @Test func missingOrInvalidContentLength() {
        let missing = readError(SampleWET.info + "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nbody\r\n\r\n")
        #expect(missing?.byteOffset == SampleWET.info.utf8.count)
        #expect(missing?.message == "WARC record without Content-Length")
        for bad in ["12a", "-1", "", "0x10", "1 2", "99999999999999999999"] {
            let error = readError("WARC/1.0\r\nContent-Length: \(bad)\r\n\r\n")
            #expect(error?.message == "invalid Content-Length \"\(bad)\"")
        }
    }

    @Test func truncatedBodyAndHeaders() {
        let body = readError("WARC/1.0\r\nContent-Length: 100\r\n\r\nonly this")
        #expect(body?.message == "WARC record body truncated: Content-Length is 100 but the stream ends after 9 bytes")
        #expect(body?.byteOffset == 0)
        let headers = readError("WARC/1.0\r\nWARC-Type: conversion\r\n")
        #expect(headers?.message == "WARC header block not ended by an empty line before the end of the stream")
    }

    @Test func recordLargerThanTheLimit() {
        let text = "WARC/1.0\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "x", count: 1000) + "\r\n\r\n"
        #expect(readError(text, maximumRecordBytes: 2000) == nil)
        let error = readError(text, maximumRecordBytes: 500)
        #expect(error?.message == "WARC record larger than 500 bytes (Content-Length 1000)")
        // A header block alone can be too large too.
        let long = "WARC/1.0\r\nX-Long: " + String(repeating: "h", count: 600) + "\r\nContent-Length: 0\r\n\r\n"
        #expect(readError(long, maximumRecordBytes: 500)?.byteOffset == 10)
    }

    @Test func wrongContentLengthIsCaughtAtTheRecordEnd() {
        // Content-Length one byte short: the body's last byte is where CRLF should be.
        let error = readError("WARC/1.0\r\nContent-Length: 4\r\n\r\nhello\r\n\r\n")
        #expect(error?.byteOffset == 35)
        #expect(error?.message.hasPrefix(#"expected CRLF CRLF after the WARC record body, found "o""#) == true)
        // Only one line end before the next record.
        #expect(readError("WARC/1.0\r\nContent-Length: 1\r\n\r\nx\r\nWARC/1.0\r\n") != nil)
    }

    @Test func sourceFailureIsAnIOError() {
        let reader = WARCReader(source: FailingSource(after: Array(SampleWET.info.utf8)), path: "x")
        #expect((try? reader.next()) != nil)
        #expect(throws: RecordReadError.self) { try reader.next() }
        do {
            _ = try reader.next()
        } catch {
            guard case .io = error else {
                Issue.record("expected an I/O error")
                return
            }
        }
    }
}
