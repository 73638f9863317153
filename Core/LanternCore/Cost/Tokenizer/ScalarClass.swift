/// The classes of tiktoken's pre-tokenizer patterns that one Unicode scalar belongs to (`\p{L}`, `\p{N}`, `\s`,
/// o200k's letter-case classes, …): all the patterns need to know about a scalar.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `\r` or `\n`.
    static let newline = ScalarClass(rawValue: 1 << 0)
    /// U+0020, the optional space before punctuation.
    static let space = ScalarClass(rawValue: 1 << 1)
    /// `\s`: the Unicode White_Space property (includes ``newline`` and ``space``).
    static let whitespace = ScalarClass(rawValue: 1 << 2)
    /// `\p{L}`.
    static let letter = ScalarClass(rawValue: 1 << 3)
    /// `\p{N}`.
    static let number = ScalarClass(rawValue: 1 << 4)
    /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    static let upperLetterLike = ScalarClass(rawValue: 1 << 5)
    /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    static let lowerLetterLike = ScalarClass(rawValue: 1 << 6)
    /// `'`, which starts a contraction.
    static let apostrophe = ScalarClass(rawValue: 1 << 7)
    /// `/`, which o200k keeps with the punctuation before it.
    static let slash = ScalarClass(rawValue: 1 << 8)
    /// Case-folds to `s`, `t`, `m` or `d`, the one-letter contractions (`'s`, `'t`, `'m`, `'d`).
    static let oneLetterContraction = ScalarClass(rawValue: 1 << 9)
    /// Case-folds to `l` (`'ll`).
    static let foldsToL = ScalarClass(rawValue: 1 << 10)
    /// Case-folds to `v` (`'ve`).
    static let foldsToV = ScalarClass(rawValue: 1 << 11)
    /// Case-folds to `r` (`'re`).
    static let foldsToR = ScalarClass(rawValue: 1 << 12)
    /// Case-folds to `e` (`'ve`, `'re`).
    static let foldsToE = ScalarClass(rawValue: 1 << 13)

    /// `[^\r\n\p{L}\p{N}]`: the optional scalar before a word.
    var isWordPrefix: Bool { isDisjoint(with: [.newline, .letter, .number]) }
    /// `[^\s\p{L}\p{N}]`: punctuation, symbols, marks and control characters.
    var isPunctuation: Bool { isDisjoint(with: [.whitespace, .letter, .number]) }

    /// The classes of `scalar`.
    init(_ scalar: Unicode.Scalar) {
        self = scalar.isASCII ? Self.asciiClasses[Int(scalar.value)] : Self.classify(scalar)
    }

    /// ``classify(_:)`` of every ASCII scalar, the common case.
    private static let asciiClasses: [ScalarClass] = (0..<128).map { classify(Unicode.Scalar(UInt8($0))) }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        var classes = categoryClasses(properties.generalCategory)
        if properties.isWhitespace { classes.insert(.whitespace) }
        switch scalar {
        case "\r", "\n": classes.insert(.newline)
        case " ": classes.insert(.space)
        case "'": classes.insert(.apostrophe)
        case "/": classes.insert(.slash)
        // `(?i)` matches by simple case folding, under which U+017F LATIN SMALL LETTER LONG S is an `s`.
        case "s", "S", "\u{17F}", "t", "T", "m", "M", "d", "D": classes.insert(.oneLetterContraction)
        case "l", "L": classes.insert(.foldsToL)
        case "v", "V": classes.insert(.foldsToV)
        case "r", "R": classes.insert(.foldsToR)
        case "e", "E": classes.insert(.foldsToE)
        default: break
        }
        return classes
    }

    private static func categoryClasses(_ category: Unicode.GeneralCategory) -> ScalarClass {
        switch category {
        case .uppercaseLetter, .titlecaseLetter: [.letter, .upperLetterLike]
        case .lowercaseLetter: [.letter, .lowerLetterLike]
        case .modifierLetter, .otherLetter: [.letter, .upperLetterLike, .lowerLetterLike]
        case .nonspacingMark, .spacingMark, .enclosingMark: [.upperLetterLike, .lowerLetterLike]
        case .decimalNumber, .letterNumber, .otherNumber: .number
        default: []
        }
    }
}
