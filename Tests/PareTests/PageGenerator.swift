import PareTestSupport

/// Generates the text of scraped pages: prose paragraphs in several languages,
/// headings, menus and link lists (bulleted or not), the boilerplate the default packs
/// name, blank-line runs, and the byte-level mess of real pages (CRLF, lone CR, U+2028,
/// no-break and typographic spaces, a byte-order mark, trailing spaces and tabs,
/// indentation, "[ad]" markers for a drop-span rule).
struct PageGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let words = [
        "the", "council", "voted", "on", "a", "plan", "to", "rebuild", "bridge", "after", "years", "of", "delay",
        "and", "residents", "said", "they", "were", "relieved", "that", "work", "would", "finally", "begin",
        "in", "spring", "with", "new", "funding", "from", "state", "budget", "engineers", "warned", "costs",
        "could", "rise", "if", "steel", "prices", "keep", "climbing", "café", "naïve", "Straße", "über",
        "der", "die", "und", "mit", "el", "la", "que", "los", "le", "et", "les", "des", "и", "в", "не", "что",
        "新闻", "今日", "😀", "—", "(2024)", "3.5%", "e-mail",
    ]
    static let menuItems = [
        "Home", "News", "Sport", "World", "Business", "About us", "Contact", "Blog", "Shop", "Careers", "Help",
        "Log in", "Sign up", "Search", "Menu", "Privacy Policy", "Terms of Use", "Facebook", "Twitter", "FAQ",
    ]
    static let boilerplate = [
        "Advertisement", "ADVERTISEMENT", "Read next: The bridge that nobody wanted", "Share on Facebook",
        "Related posts", "Comments", "Leave a comment", "Subscribe to our newsletter",
        "We use cookies to improve your experience. Accept all cookies", "Home > News > World", "Skip to content",
        "Back to top", "Sponsored", "You may also like", "Follow us on Twitter", "© 2024 Example Media. All rights reserved.",
    ]
    /// Spaces Pare's normaliser turns into U+0020: NBSP, EM SPACE, NARROW NBSP,
    /// IDEOGRAPHIC SPACE.
    static let oddSpaces = ["\u{00A0}", "\u{2003}", "\u{202F}", "\u{3000}"]

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func sentence(words count: Int) -> String {
        var text = ""
        for index in 0..<count {
            if index > 0 { text += chance(4) ? pick(Self.oddSpaces) : " " }
            if chance(3) { text += "[ad] " }
            text += pick(Self.words)
        }
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// One page's lines, without line ends.
    mutating func lines() -> [String] {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) { lines.append(pick(Self.menuItems)) }
        for _ in 0..<Int.random(in: 1...14, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...3:
                lines.append(sentence(words: Int.random(in: 8...45, using: &random)))
            case 4:
                lines.append(sentence(words: Int.random(in: 2...6, using: &random)).dropLast().capitalized)
            case 5:
                let bullet = pick(["* ", "- ", "• ", "", "1. "])
                for _ in 0..<Int.random(in: 2...10, using: &random) { lines.append(bullet + pick(Self.menuItems)) }
            case 6:
                lines.append(pick(Self.boilerplate))
            case 7:
                lines.append(pick(["[ad]", "[ad] [ad]", "   ", "\t", ""]))
            default:
                lines.append(sentence(words: Int.random(in: 3...12, using: &random)))
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) { lines.append(chance(20) ? " \t" : "") }
        }
        // A tail as pages have them: a "Related posts" or comments block, then a
        // footer, each of a size that puts its opener near the cut-off for a tail cut.
        if chance(50) {
            lines.append(pick(["Related posts", "Comments", "You may also like", "Leave a comment"]))
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                lines.append(chance(50) ? sentence(words: Int.random(in: 4...30, using: &random)) : pick(Self.menuItems))
            }
            for _ in 0..<Int.random(in: 0...8, using: &random) { lines.append(pick(Self.menuItems + Self.boilerplate)) }
        }
        return lines.map { line in
            var line = line
            if chance(10) { line = String(repeating: " ", count: Int.random(in: 1...8, using: &random)) + line }
            if chance(10) { line += pick([" ", "  ", "\t", " \u{00A0}"]) }
            return line
        }
    }

    /// A whole page as bytes, with mixed line ends and sometimes a byte-order mark.
    mutating func page() -> [UInt8] {
        let ending = pick(["\n", "\n", "\n", "\r\n", "\r", "\u{2028}"])
        var text = chance(5) ? "\u{FEFF}" : ""
        for line in lines() {
            text += line + (chance(3) ? pick(["\n", "\r\n", "\r"]) : ending)
        }
        if chance(10) { text.removeLast() }   // no line end after the last line
        return Array(text.utf8)
    }
}
