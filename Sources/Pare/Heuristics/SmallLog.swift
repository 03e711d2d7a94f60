#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `log1p` of a count, from a table for the small counts that make up nearly all of
/// them (line lengths, block and container sizes, distances in units).
///
/// The line classifier takes several logarithms of counts per line and per settling
/// round; libm's `log1p` was 3 % of a classifier run. The table holds `log1p`'s own
/// results, so every value is the same to the last bit.
enum SmallLog {
    /// Counts below this come from the table (32 KiB).
    static let tableSize = 4096

    private static let table: [Double] = (0..<tableSize).map { libmLog1p(Double($0)) }

    /// `log1p(Double(n))` for `n >= 0`.
    @inline(__always)
    static func log1p(_ n: Int) -> Double {
        if n >= 0 && n < tableSize {
            return table.withUnsafeBufferPointer { $0[n] }
        }
        return libmLog1p(Double(n))
    }
}

/// libm's `log1p`, named apart so that ``SmallLog/log1p(_:)`` can call it.
@inline(__always)
private func libmLog1p(_ x: Double) -> Double { log1p(x) }
