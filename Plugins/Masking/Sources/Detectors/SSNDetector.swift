/// US social security numbers written `ddd-dd-dddd`, without the numbers the SSA never issues: area 000, 666 or
/// 900–999, group 00, serial 0000. Dashes are required: nine bare digits are far more often something else.
struct SSNDetector: Detector {
    var name: String { "ssn" }

    /// Where the nine digits sit in `ddd-dd-dddd`.
    private static let digitOffsets = [0, 1, 2, 4, 5, 7, 8, 9, 10]

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index + 11 <= text.count {
            if isSSN(at: index, text) {
                found.append(index..<index + 11)
                index += 11
            } else {
                index += 1
            }
        }
        return found
    }

    private func isSSN(at start: Int, _ text: ScannedText) -> Bool {
        let dash = UInt8(ascii: "-")
        let before = text[start - 1]
        guard !ASCII.isWord(before), before != dash, before != UInt8(ascii: "."),
              text[start + 3] == dash, text[start + 6] == dash,
              Self.digitOffsets.allSatisfy({ ASCII.isDigit(text[start + $0]) }) else { return false }
        let after = text[start + 11]
        guard !ASCII.isWord(after), !(after == dash && ASCII.isDigit(text[start + 12])) else { return false }
        let area = digits(start..<start + 3, text), group = digits(start + 4..<start + 6, text), serial = digits(start + 7..<start + 11, text)
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    private func digits(_ range: Range<Int>, _ text: ScannedText) -> Int {
        range.reduce(0) { $0 * 10 + Int(text[$1] &- 0x30) }
    }
}
