import FuzzSupport
import PareBulk

/// The WET/WARC path of the bulk runner on arbitrary bytes: the reader fed in reads of
/// random size must see what it sees with the whole input at once; what it reads must
/// survive being written back (with the old body, and with a new one as a cleaned
/// record is written) and read again; and the same bytes must read the same through
/// ``InputByteStream``, plain or gzip- or zstd-compressed.
enum WETTarget {
    static func run(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let seed = InputHash.fnv1a(data)
        var random = SplitMix64(seed: seed)
        // A small record limit reaches the "record too large" paths with small inputs.
        let maximumRecordBytes = random.next() % 4 == 0 ? Int.random(in: 1...300, using: &random) : 1 << 30

        let whole = WARCReadOutcome(ChunkedByteSource(bytes, seed: seed, largestRead: Int.max),
                                    maximumRecordBytes: maximumRecordBytes)
        let chunked = WARCReadOutcome(
            ChunkedByteSource(bytes, seed: seed, largestRead: Int.random(in: 1...97, using: &random)),
            maximumRecordBytes: maximumRecordBytes)
        fuzzCheck(whole == chunked, "reads of random size gave \(chunked), the whole input \(whole)")
        for record in whole.records {
            fuzzCheck(record.versionLine.starts(with: Array("WARC/".utf8)), "record without a version line")
        }

        checkRewrite(whole.records, newBodies: false, random: &random)
        checkRewrite(whole.records, newBodies: true, random: &random)
        checkThroughInputStream(bytes, expected: whole, maximumRecordBytes: maximumRecordBytes, random: &random)
    }

    /// Writes the records back as `WARCWriter` does (keeping the bodies, or with new
    /// bodies as a cleaner would give) and reads them again: the same records, except
    /// for what the writer is meant to change.
    static func checkRewrite(_ records: [WARCRecord], newBodies: Bool, random: inout SplitMix64) {
        var written: [UInt8] = []
        var bodies: [[UInt8]] = []
        for record in records {
            let body = newBodies ? Array(record.body.prefix(Int.random(in: 0...record.body.count, using: &random))) : record.body
            bodies.append(body)
            WARCWriter.append(record, newBody: newBodies ? body : nil, to: &written)
        }
        let reread = WARCReadOutcome(ChunkedByteSource(written, seed: random.next(), largestRead: 61),
                                     maximumRecordBytes: 1 << 30)
        fuzzCheck(reread.error == nil, "written records do not read back: \(String(describing: reread.error))")
        fuzzCheck(reread.records.count == records.count, "\(records.count) records written, \(reread.records.count) read back")
        for (index, (original, copy)) in zip(records, reread.records).enumerated() {
            fuzzCheck(copy.versionLine == original.versionLine, "record \(index): version line changed")
            fuzzCheck(copy.body == bodies[index], "record \(index): body changed")
            fuzzCheck(copy.value(forHeader: "Content-Length") == Array(String(bodies[index].count).utf8),
                      "record \(index): Content-Length does not match the body")
            // Content-Length is rewritten; digests too when the body changed.
            let rewritten: Set<String> = newBodies && bodies[index] != original.body
                ? ["content-length", "warc-block-digest", "warc-payload-digest"] : ["content-length"]
            func kept(_ headers: [WARCHeader]) -> [WARCHeader] {
                headers.filter { header in !rewritten.contains(where: { header.matches($0) }) }
            }
            fuzzCheck(kept(copy.headers) == kept(original.headers),
                      "record \(index): headers changed from \(original.headers) to \(copy.headers)")
        }
    }

    /// The bytes through ``InputByteStream``: as they are (a fuzzed input that starts
    /// with a gzip or zstd magic number is decoded, and fails as a corrupt stream
    /// should), or compressed first, which must change nothing.
    static func checkThroughInputStream(_ bytes: [UInt8], expected: WARCReadOutcome, maximumRecordBytes: Int,
                                        random: inout SplitMix64) {
        let scratch = ScratchFile.shared
        let compression: CompressionFormat = [.none, .gzip, .zstd][Int(random.next() % 3)]
        scratch.write(bytes, format: compression, pieces: &random)
        let stream: InputByteStream
        do {
            stream = try InputByteStream(path: scratch.path)
        } catch {
            fuzzCheck(false, "the scratch file does not open: \(error)")
            return
        }
        defer { stream.close() }
        let outcome = WARCReadOutcome(stream, maximumRecordBytes: maximumRecordBytes)
        if compression != .none || stream.format == .none {
            fuzzCheck(outcome == expected, "through a \(compression) InputByteStream: \(outcome), in memory: \(expected)")
        }
    }
}
