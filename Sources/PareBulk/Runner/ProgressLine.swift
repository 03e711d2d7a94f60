#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one-line progress display on standard error: records, MB read, MB/s and, when
/// the total size is known, the ETA. Redrawn at most a few times a second, erased
/// when the run ends.
final class ProgressLine {
    private let totalBytes: Int?
    private let start: Double
    private var lastDraw = 0.0
    private var drawn = false
    /// Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
    private static let interval = 0.25

    /// - Parameter totalBytes: the inputs' total size on disk, if every input is a
    ///   regular file.
    init(totalBytes: Int?) {
        self.totalBytes = totalBytes
        self.start = Self.now()
    }

    /// Redraws the line if enough time has passed.
    func update(records: Int, bytesRead: Int) {
        let now = Self.now()
        guard now - lastDraw >= Self.interval else { return }
        lastDraw = now
        let elapsed = max(now - start, 1e-6)
        let megabytes = Double(bytesRead) / 1e6
        let rate = megabytes / elapsed
        var line = "pare: \(records) records, \(Self.format(megabytes)) MB read, \(Self.format(rate)) MB/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytesRead) / Double(totalBytes))
            line += ", \(Int(fraction * 100))%"
            if bytesRead > 0 && rate > 0 {
                line += ", ETA \(Self.clock(Double(totalBytes - bytesRead) / 1e6 / rate))"
            }
        }
        draw("\r\u{1B}[K" + line)
        drawn = true
    }

    /// Erases the line.
    func finish() {
        if drawn { draw("\r\u{1B}[K") }
        drawn = false
    }

    private func draw(_ text: String) {
        // A lost progress line is harmless, so the result is not checked.
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let mm = m < 10 ? "0\(m)" : "\(m)", ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(m):\(ss)"
    }
}
