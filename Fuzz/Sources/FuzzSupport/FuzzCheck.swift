#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the process when an invariant of a fuzz target does not hold.
///
/// libFuzzer counts any abort as a crash and saves the input, so a broken invariant is
/// reported exactly like a trap in the code under test. The message goes to standard
/// error first, because libFuzzer's report shows only the signal and a stack.
public func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    let text = "fuzz invariant failed at \(file):\(line): \(message())\n"
    _ = Array(text.utf8).withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}
