import PareBulk

/// `--stats-json FILE`: the run's statistics, written so that the file appears only
/// when complete.
enum StatisticsFile {
    static func write(_ json: String, to path: String) throws(BulkIOError) {
        let file = try AtomicOutputFile(path: path)
        let stream = OutputByteStream(fd: file.fd, format: .none, path: path)
        do {
            try stream.write(Array(json.utf8))
            try stream.finish()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
