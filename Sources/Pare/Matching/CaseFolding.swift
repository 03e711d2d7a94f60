/// Simple lower-case folding for the first characters of words, allocation-free at
/// run time, for ``FirstWordDispatch``.
///
/// Covers U+0000–U+04FF (Latin, Greek, Cyrillic), built once from the Unicode data
/// Swift carries. A character is folded only when it has a simple, two-way case pair
/// (lower(upper(c)) == lower(c)); characters like the long s, the micro sign or final
/// sigma, which PCRE2's caseless matching pairs with other letters, and everything
/// above U+04FF, have no fold: callers then do not narrow the rules for that line.
enum CaseFolding {
    /// Highest code point the table covers.
    static let limit: UInt32 = 0x4FF
    /// The table's value for a character without a reliable fold.
    private static let none: UInt32 = .max

    /// For each code point up to ``limit``: its fold, or `none`.
    private static let table: [UInt32] = (0...limit).map { value in
        guard let scalar = Unicode.Scalar(value) else { return none }
        let properties = scalar.properties
        let lower = properties.lowercaseMapping.unicodeScalars
        let upper = properties.uppercaseMapping.unicodeScalars
        guard lower.count == 1, upper.count == 1, let l = lower.first, let u = upper.first else { return none }
        let lowerOfUpper = u.properties.lowercaseMapping.unicodeScalars
        guard lowerOfUpper.count == 1, lowerOfUpper.first == l else { return none }
        let upperOfLower = l.properties.uppercaseMapping.unicodeScalars
        guard upperOfLower.count == 1, upperOfLower.first == u else { return none }
        return l.value
    }

    /// Which code points up to ``limit`` are letters or digits (PCRE2's `\w` in UCP
    /// mode, less the underscore).
    private static let wordTable: [Bool] = (0...limit).map { value in
        guard let scalar = Unicode.Scalar(value) else { return false }
        return isLetterOrNumber(scalar)
    }

    /// The folded form of `scalar`, or nil when it has no reliable simple fold.
    static func fold(_ scalar: Unicode.Scalar) -> UInt32? {
        fold(scalar.value)
    }

    /// The folded form of a code point, or nil when it has no reliable simple fold or
    /// lies above ``limit``.
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32? {
        guard value <= limit else {
            // Above the table: only characters without any case mapping (CJK, Arabic,
            // Hebrew, Thai, …) fold, to themselves.
            guard let scalar = Unicode.Scalar(value), !scalar.properties.changesWhenCaseMapped else { return nil }
            return value
        }
        let folded = table[Int(value)]
        return folded == none ? nil : folded
    }

    /// Whether a code point up to ``limit`` is a letter or digit.
    @inline(__always)
    static func isWordCharacter(_ value: UInt32) -> Bool {
        if value <= limit { return wordTable[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return isLetterOrNumber(scalar)
    }

    /// Whether a code point is a decimal digit in any script, as PCRE2's `\d` under UCP.
    @inline(__always)
    static func isDecimalDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    /// Whether `scalar` can start a word as PCRE2's `\w` sees it (a letter or a digit).
    static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrNumber(scalar)
    }

    private static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Whether a code point is certainly not a word character for PCRE2
    /// (punctuation, symbols, separators, controls): what `\W` skips. Marks and the
    /// connector punctuation are left out, because PCRE2 versions disagree on them.
    static func isNonWord(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
             .connectorPunctuation:
            return false
        default:
            return true
        }
    }
}
