/// One string as the scanners read it: its UTF-8 bytes, with reads outside the text answering 0 instead of trapping,
/// so look-behind and look-ahead need no bounds checks of their own (docs/architecture.md §2.14).
struct ScannedText {
    /// Bytes that join a number to more digits after it: decimal point, thousands separator, clock colon, date slash.
    private static let numberJoiners = ByteSet(".,:/")

    /// The original string (custom patterns run on it).
    let string: String
    /// Its UTF-8 bytes.
    let bytes: [UInt8]

    /// Reads `string`.
    init(_ string: String) {
        self.string = string
        bytes = Array(string.utf8)
    }

    /// The number of bytes.
    var count: Int { bytes.count }

    /// The byte at `index`, or 0 outside the text (0 is no character any scanner looks for).
    subscript(_ index: Int) -> UInt8 { index >= 0 && index < bytes.count ? bytes[index] : 0 }

    /// The bytes in `range`, clamped to the text, as a string.
    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<bytes.count)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    /// Whether the ASCII `literal` starts at `index`; `ignoringCase` folds ASCII letters.
    func hasLiteral(_ literal: [UInt8], at index: Int, ignoringCase: Bool = false) -> Bool {
        guard index >= 0, index + literal.count <= bytes.count else { return false }
        for (offset, expected) in literal.enumerated() {
            let actual = bytes[index + offset]
            if actual != expected && !(ignoringCase && ASCII.lowercased(actual) == ASCII.lowercased(expected)) { return false }
        }
        return true
    }

    /// The first index at or after `start` where `literal` begins, or nil.
    func find(_ literal: [UInt8], from start: Int) -> Int? {
        guard let first = literal.first else { return nil }
        var index = max(start, 0)
        while index + literal.count <= bytes.count {
            if bytes[index] == first, hasLiteral(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether a number ending just before `index` is whole: no word character follows, nor a decimal point, a
    /// thousands separator, a clock's colon or a date's slash with a digit after it (`…0958 12:30` ends at 0958).
    func endsNumber(at index: Int) -> Bool {
        let next = self[index]
        if ASCII.isWord(next) { return false }
        return !(Self.numberJoiners.contains(next) && ASCII.isDigit(self[index + 1]))
    }

    /// The digits counted from `start` through digits and `isJoiner` bytes, stopping once `enough` are counted, and
    /// where counting stopped. A cheap look before a detector reads groups: most numbers are too short to be anything.
    func digits(from start: Int, enough: Int, joinedBy isJoiner: (UInt8) -> Bool) -> (count: Int, end: Int) {
        var count = 0
        var index = max(start, 0)
        while index < bytes.count, count < enough {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                count += 1
            } else if !isJoiner(byte) {
                break
            }
            index += 1
        }
        return (count, index)
    }

    /// The index of the first byte at or after `start` that does not satisfy `accepts` (the text's end if none).
    func end(from start: Int, while accepts: (UInt8) -> Bool) -> Int {
        var index = max(start, 0)
        while index < bytes.count, accepts(bytes[index]) { index += 1 }
        return index
    }
}
