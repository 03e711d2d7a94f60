/// Python's `str` character predicates (`isspace`, `isalpha`, `isdigit`, `isalnum`,
/// `isupper`, `islower`, and `\w` of `re`) on Unicode scalar values, so that the line
/// classifier's features match `Benchmarks/quality/model/features.py`, the code the
/// model was trained with, character for character.
///
/// ASCII is answered from the code point; everything else from Unicode properties,
/// following CPython's `makeunicodedata.py` definitions.
enum PythonCharacters {
    /// What invalid UTF-8 reads as: Python decodes it with `errors="replace"` to
    /// U+FFFD, a symbol (neither word nor space).
    static let replacement: UInt32 = 0xFFFD

    /// `str.isspace` (and `re`'s `\s`): category Zs or bidi class WS, B or S.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) || (v >= 0x1C && v <= 0x1F) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `str.isalpha`: categories Lu, Ll, Lt, Lm, Lo.
    @inline(__always)
    static func isAlpha(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `str.isdigit`: numeric type Decimal or Digit.
    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        guard let s = Unicode.Scalar(v), let type = s.properties.numericType else { return false }
        return type == .decimal || type == .digit
    }

    /// `str.isalnum`: a letter or anything with a numeric value.
    @inline(__always)
    static func isAlnum(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) }
        guard let s = Unicode.Scalar(v) else { return false }
        return isAlpha(v) || s.properties.numericType != nil
    }

    /// A character of `re`'s `\w` for `str` patterns: alphanumeric or `_`. (Unlike
    /// ``WordScanner``, combining marks are not word characters here: that is what the
    /// model saw.)
    @inline(__always)
    static func isWord(_ v: UInt32) -> Bool { v == 0x5F || isAlnum(v) }

    /// `str.isupper` of one character: the Uppercase property.
    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    /// `str.islower` of one character: the Lowercase property.
    @inline(__always)
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }

    /// Characters of scripts written without spaces, as features.py's `IDEOGRAPH`
    /// class: U+2E80–9FFF, U+F900–FAFF, U+20000–2FFFF and Thai U+0E00–0E7F, whatever
    /// their category (so CJK punctuation counts too).
    @inline(__always)
    static func isIdeograph(_ v: UInt32) -> Bool {
        (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF)
            || (v >= 0x0E00 && v <= 0x0E7F)
    }

    /// Appends the UTF-8 of `str.lower()` of one character to `buffer` and returns
    /// how many characters that added (full mappings can add more than one).
    @inline(__always)
    static func appendLowercased(_ v: UInt32, to buffer: inout [UInt8]) -> Int {
        if v < 0x80 {
            buffer.append(UInt8(v >= 0x41 && v <= 0x5A ? v | 0x20 : v))
            return 1
        }
        guard let s = Unicode.Scalar(v) else { return 0 }
        guard s.properties.changesWhenLowercased else {
            WordScanner.appendUTF8(s) { buffer.append($0) }
            return 1
        }
        var added = 0
        for m in s.properties.lowercaseMapping.unicodeScalars {
            WordScanner.appendUTF8(m) { buffer.append($0) }
            added += 1
        }
        return added
    }

    /// All the predicates above for one character, as bits of a byte, so that code
    /// reading every character several times asks Unicode's tables once.
    struct Classes: OptionSet, Sendable {
        let rawValue: UInt8
        static let space = Classes(rawValue: 1)
        static let alpha = Classes(rawValue: 2)
        static let digit = Classes(rawValue: 4)
        static let alnum = Classes(rawValue: 8)
        static let word = Classes(rawValue: 16)
        static let upper = Classes(rawValue: 32)
        static let lower = Classes(rawValue: 64)
        static let ideograph = Classes(rawValue: 128)
    }

    /// The classes of `v`: ``isSpace(_:)``, ``isAlpha(_:)``, ``isDigit(_:)``,
    /// ``isAlnum(_:)``, ``isWord(_:)``, ``isUpper(_:)``, ``isLower(_:)`` and
    /// ``isIdeograph(_:)``, each a bit.
    static func classes(of v: UInt32) -> Classes {
        var c: Classes = []
        if isSpace(v) { c.insert(.space) }
        if isAlpha(v) { c.insert(.alpha) }
        if isDigit(v) { c.insert(.digit) }
        if isAlnum(v) { c.insert(.alnum) }
        if isWord(v) { c.insert(.word) }
        if isUpper(v) { c.insert(.upper) }
        if isLower(v) { c.insert(.lower) }
        if isIdeograph(v) { c.insert(.ideograph) }
        return c
    }

    /// ``classes(of:)`` of the 128 ASCII characters.
    static let asciiClasses: [Classes] = (0..<128).map { classes(of: UInt32($0)) }

    /// How many characters `str.lower()` of one character has (full mappings can
    /// have more than one), without building them.
    @inline(__always)
    static func lowercasedLength(_ v: UInt32) -> Int {
        if v < 0x80 { return 1 }
        guard let s = Unicode.Scalar(v) else { return 0 }
        guard s.properties.changesWhenLowercased else { return 1 }
        return s.properties.lowercaseMapping.unicodeScalars.count
    }
}
