import FuzzSupport

/// Fuzzes under libFuzzer when built by scripts/fuzz (-D PARE_FUZZING); otherwise
/// replays the files given (see Fuzz/Package.swift).
@main
enum PipelineFuzzer {
    static func main() {
        #if PARE_FUZZING
        LibFuzzerDriver.run(PipelineTarget.run)
        #else
        Replay.main(name: "FuzzPipeline", PipelineTarget.run)
        #endif
    }
}
