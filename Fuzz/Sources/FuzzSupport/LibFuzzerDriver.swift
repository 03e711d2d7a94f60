#if PARE_FUZZING
import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands the process to libFuzzer with a Swift function as the target.
///
/// The targets keep their own Swift `main` (SwiftPM links every executable with `main`
/// renamed to `<Module>_main`, which would clash with the `main` of libFuzzer's usual
/// runtime) and call libFuzzer's driver from it, from the runtime without a `main`.
public enum LibFuzzerDriver {
    /// The target; libFuzzer calls back through a C function pointer, which cannot
    /// capture a closure. Set once, before the driver starts, and only read after.
    nonisolated(unsafe) private static var target: ((UnsafeRawBufferPointer) -> Void)?

    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        target = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            LibFuzzerDriver.target!(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
#endif
