import Testing
@testable import Pare

@Suite("Pipeline")
struct PipelineTests {
    /// Removes the first kept line each time it runs: a page that settles only when
    /// nothing is left.
    struct PeelOneLine: Stage {
        let name = "peel"
        func apply(to document: inout Document, scratch: MatchScratch) {
            if let index = document.lines.indices.first(where: { document.lines[$0].isKept }) {
                document.removeLine(index, rule: "test.peel", stage: name)
            }
        }
    }

    func lines(_ count: Int) -> Document {
        Document(bytes: Array(String(repeating: "line\n", count: count).utf8))
    }

    @Test func aPageStillChangingAtTheRoundCapIsFlaggedAndCounted() {
        let pipeline = Pipeline(stages: [PeelOneLine()], settlingStages: 0..<1)
        let scratch = MatchScratch(limits: .default)
        var long = lines(100)
        pipeline.run(&long, scratch: scratch)
        #expect(long.reachedSettlingCap)
        #expect(long.removals.count == CleaningResult.maximumSettlingRounds)
        var short = lines(10)
        pipeline.run(&short, scratch: scratch)
        #expect(!short.reachedSettlingCap)
        #expect(short.removals.count == 10)

        var statistics = CleaningStatistics()
        statistics.add(long, inputBytes: 500, outputBytes: 0)
        statistics.add(short, inputBytes: 50, outputBytes: 0)
        #expect(statistics.settlingCapHits == 1)
        #expect(statistics.table().contains("settling-round cap (cleaning them again may remove more): 1"))
        var merged = CleaningStatistics()
        merged.merge(statistics)
        merged.merge(statistics)
        #expect(merged.settlingCapHits == 2)
    }
}
