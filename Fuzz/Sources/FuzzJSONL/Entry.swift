import FuzzSupport

/// Fuzzes under libFuzzer when built by scripts/fuzz (-D PARE_FUZZING); otherwise
/// replays the files given (see Fuzz/Package.swift).
@main
enum JSONLFuzzer {
    static func main() {
        #if PARE_FUZZING
        LibFuzzerDriver.run(JSONLTarget.run)
        #else
        Replay.main(name: "FuzzJSONL", JSONLTarget.run)
        #endif
    }
}
