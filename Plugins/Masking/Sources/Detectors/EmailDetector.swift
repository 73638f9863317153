/// E-mail addresses: a local part of letters, digits and `._%+-`, an `@`, and a domain of at least two labels whose
/// last (the top-level domain) is 2 to 63 letters. Scanning starts at each `@`, so text without one costs one pass.
struct EmailDetector: Detector {
    var name: String { "email" }

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        var floor = 0  // the end of the last match: a local part never reaches back into it
        while let at = text.find([UInt8(ascii: "@")], from: index) {
            index = at + 1
            guard let match = address(around: at, in: text, floor: floor) else { continue }
            found.append(match)
            index = match.upperBound
            floor = match.upperBound
        }
        return found
    }

    /// The address whose `@` is at `at`, if the text around it forms one.
    private func address(around at: Int, in text: ScannedText, floor: Int) -> Range<Int>? {
        var start = at
        while start > floor, Self.isLocal(text[start - 1]) { start -= 1 }
        while start < at, text[start] == UInt8(ascii: ".") { start += 1 }  // a sentence's dot is not the address's
        let local = start..<at
        guard !local.isEmpty, local.count <= 64, text[at - 1] != UInt8(ascii: "."), !containsDoubleDot(local, text) else { return nil }
        var end = text.end(from: at + 1) { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        while end > at + 1, text[end - 1] == UInt8(ascii: ".") || text[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard !ASCII.isWord(text[end]), isDomain(at + 1..<end, text) else { return nil }
        return start..<end
    }

    private static func isLocal(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private func containsDoubleDot(_ range: Range<Int>, _ text: ScannedText) -> Bool {
        range.dropLast().contains { text[$0] == UInt8(ascii: ".") && text[$0 + 1] == UInt8(ascii: ".") }
    }

    /// Labels of 1 to 63 letters, digits and inner hyphens; at least two; the last all letters, 2 to 63 long.
    private func isDomain(_ range: Range<Int>, _ text: ScannedText) -> Bool {
        guard range.count <= 253 else { return false }
        let labels = text.bytes[range.clamped(to: 0..<text.count)].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, (2...63).contains(last.count), last.allSatisfy(ASCII.isLetter) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
        }
    }
}
