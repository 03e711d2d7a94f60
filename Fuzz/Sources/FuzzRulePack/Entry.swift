import FuzzSupport

/// Fuzzes under libFuzzer when built by scripts/fuzz (-D PARE_FUZZING); otherwise
/// replays the files given (see Fuzz/Package.swift).
@main
enum RulePackFuzzer {
    static func main() {
        #if PARE_FUZZING
        LibFuzzerDriver.run(RulePackTarget.run)
        #else
        Replay.main(name: "FuzzRulePack", RulePackTarget.run)
        #endif
    }
}
