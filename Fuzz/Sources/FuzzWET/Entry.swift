import FuzzSupport

/// Fuzzes under libFuzzer when built by scripts/fuzz (-D PARE_FUZZING); otherwise
/// replays the files given (see Fuzz/Package.swift).
@main
enum WETFuzzer {
    static func main() {
        #if PARE_FUZZING
        LibFuzzerDriver.run(WETTarget.run)
        #else
        Replay.main(name: "FuzzWET", WETTarget.run)
        #endif
    }
}
