import Foundation

/// The pages a benchmark cleans: from `PARE_BENCH_CORPUS` (NUL-separated pages, as
/// `scripts/make-corpus.py` writes them) or, without it, a synthetic corpus built here
/// from a fixed seed so runs compare.
struct Corpus: Sendable {
    let pages: [[UInt8]]
    let bytes: Int
    let source: String

    /// The corpus's size in megabytes (10^6 bytes), for MB/s.
    var megabytes: Double { Double(bytes) / 1_000_000 }

    /// A benchmark's name with the corpus it ran on: "rules only [path, 231.9 MB]".
    func benchmarkName(_ name: String) -> String {
        "\(name) [\(source), \(String(format: "%.1f", megabytes)) MB]"
    }

    static func load() -> Corpus {
        if let path = ProcessInfo.processInfo.environment["PARE_BENCH_CORPUS"],
           let data = FileManager.default.contents(atPath: path) {
            let pages = data.split(separator: 0, omittingEmptySubsequences: true).map { Array($0) }
            return Corpus(pages: pages, bytes: pages.reduce(0) { $0 + $1.count }, source: path)
        }
        let pages = Synthetic.pages(count: 2_000)
        return Corpus(pages: pages, bytes: pages.reduce(0) { $0 + $1.count }, source: "synthetic")
    }
}

/// Pages shaped like scraped text: a bulleted menu, a title, paragraphs with an ad
/// label and a read-next line, a related list, a comment widget and a footer.
enum Synthetic {
    static func pages(count: Int) -> [[UInt8]] {
        var rng = SplitMix64(seed: 0x5EED)
        let words = ["the", "council", "voted", "to", "build", "a", "network", "of", "bike", "lanes", "and",
                     "residents", "said", "that", "it", "would", "make", "streets", "safer", "for", "children",
                     "in", "city", "new", "plan", "was", "approved", "after", "debate", "on", "river", "bridge"]
        func sentence(_ n: Int) -> String {
            var s = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            s = s.prefix(1).uppercased() + s.dropFirst() + "."
            return s
        }
        return (0..<count).map { _ in
            var page = "Skip to content\n"
            for item in ["Home", "News", "Sport", "Culture", "Weather", "Travel"] { page += "  * \(item)\n" }
            page += "\n\(sentence(9).dropLast())\n\n"
            for p in 0..<(6 + Int(rng.next() % 10)) {
                page += (0..<4).map { _ in sentence(10 + Int(rng.next() % 15)) }.joined(separator: " ") + "\n\n"
                if p == 2 { page += "Advertisement\n\n" }
                if p == 4 { page += "Read next: \(sentence(8))\n\n" }
            }
            page += "Related Articles\n" + (0..<4).map { _ in "  * \(sentence(6).dropLast())\n" }.joined()
            page += "\n12 Comments\nLeave a comment\n\nAbout us\nContact us\nPrivacy Policy\n© 2025 Example Media\n"
            return Array(page.utf8)
        }
    }
}

/// A small, fast, seedable generator (Vigna's SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
