/// Telephone numbers written the way people write them, not any long number.
///
/// - International: `+`, a country code and 8 to 15 digits in all, in groups separated by spaces, dashes, dots or
///   parentheses (`+1 (415) 555-2671`, `+44 (0)20 7946 0958`, `+49-30-12345678`); ungrouped only with 10 to 15 digits
///   (`+14155552671`).
/// - National, 10 to 12 digits in at least two groups with one kind of separator: North American `415-555-2671`,
///   `(415) 555-2671`, `1 415 555 2671`; or trunk-prefixed `020 7946 0958`, `07700 900123`, `(030) 12345678`,
///   `01 23 45 67 89`.
///
/// A bare digit run (an order id, a Unix timestamp) never matches, nor does a date (`2024-01-15 10:30`), a decimal or
/// a dotted IPv4 address. With `numbers: true`, a JSON number of 10 to 15 digits not starting with 0 is a phone number
/// in E.164 form without its `+`.
struct PhoneDetector: NumberDetector {
    var name: String { "phone" }

    /// E.164 allows at most 15 digits; reading stops past that, which also bounds the work per start.
    private static let maxDigits = 15
    /// The fewest digits of any form below (grouped international numbers).
    private static let minDigits = 8
    /// What may stand between the digits of one number.
    private static let joiners = ByteSet(" -.()+")
    private static let separators = ByteSet(" -.")
    /// What may not stand right before a number's first digit: it would make the digit part of something longer.
    private static let digitBlockers = ByteSet("-./,")

    /// One group of digits as read from the text.
    private struct Group {
        let start: Int
        let end: Int
        let parenthesized: Bool
        /// The separator between this group and the previous one when both are plain (nil next to parentheses).
        let separator: UInt8?
        var count: Int { end - start }
    }

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") || ASCII.isDigit(byte), canStart(at: index, text) else {
                index += 1
                continue
            }
            let run = text.digits(from: index, enough: Self.minDigits, joinedBy: Self.joiners.contains)
            guard run.count >= Self.minDigits else {
                index = max(run.end, index + 1)  // too few digits here, and so at any later start in this run
                continue
            }
            guard let end = match(from: index, text) else {
                index += 1
                continue
            }
            found.append(index..<end)
            index = end
        }
        return found
    }

    func matchesNumber(digits: ScannedText) -> Bool {
        (10...Self.maxDigits).contains(digits.count) && digits[0] != UInt8(ascii: "0")
    }

    /// A number starts after a separator, never inside a word, a longer number, a decimal or a dotted sequence.
    private func canStart(at index: Int, _ text: ScannedText) -> Bool {
        let before = text[index - 1]
        if ASCII.isWord(before) || before == UInt8(ascii: "+") { return false }
        guard ASCII.isDigit(text[index]) else { return true }
        return !Self.digitBlockers.contains(before)
    }

    /// The end of the phone number starting at `start`: all the groups read there, or the most of them that form one
    /// when the rest follows a space ("call (415) 555-2671 10 times").
    private func match(from start: Int, _ text: ScannedText) -> Int? {
        var plus = false
        var position = start
        if text[position] == UInt8(ascii: "+") {
            guard ASCII.isDigit(text[position + 1]), text[position + 1] != UInt8(ascii: "0") else { return nil }
            plus = true
            position += 1
        }
        let (groups, complete) = read(from: position, text)
        for count in stride(from: groups.count, through: 1, by: -1) {
            let end = groups[count - 1].end
            let next = text[end]
            // All groups when they end the number; fewer only when a space sets the rest apart.
            let whole = complete && count == groups.count ? text.endsNumber(at: end) : next == UInt8(ascii: " ")
            if whole, isPhone(plus: plus, groups[..<count], text) { return end }
        }
        return nil
    }

    /// The digit groups from `start`, separated by one space, dash or dot, or set off by parentheses. Reading stops
    /// before a group that would pass ``maxDigits``; `complete` is false then, as more digits follow.
    private func read(from start: Int, _ text: ScannedText) -> (groups: [Group], complete: Bool) {
        var groups: [Group] = []
        var digits = 0
        var position = start
        var separator: UInt8?
        while true {
            let group: Group
            if text[position] == UInt8(ascii: "(") {
                let digitsEnd = text.end(from: position + 1, while: ASCII.isDigit)
                guard (1...5).contains(digitsEnd - position - 1), text[digitsEnd] == UInt8(ascii: ")") else { break }
                group = Group(start: position + 1, end: digitsEnd, parenthesized: true, separator: nil)
            } else if ASCII.isDigit(text[position]) {
                let plainBefore = groups.last.map { !$0.parenthesized } ?? false
                group = Group(start: position, end: text.end(from: position, while: ASCII.isDigit), parenthesized: false,
                              separator: plainBefore ? separator : nil)
            } else {
                break
            }
            digits += group.count
            guard digits <= Self.maxDigits else { return (groups, false) }
            groups.append(group)
            position = group.parenthesized ? group.end + 1 : group.end
            let next = text[position]
            if Self.separators.contains(next), ASCII.isDigit(text[position + 1]) || text[position + 1] == UInt8(ascii: "(") {
                separator = next
                position += 1
            } else if group.parenthesized && ASCII.isDigit(next) {
                separator = nil  // "(415)555-2671" needs no separator
            } else {
                break
            }
        }
        return (groups, true)
    }

    private func isPhone(plus: Bool, _ groups: ArraySlice<Group>, _ text: ScannedText) -> Bool {
        let digits = groups.reduce(0) { $0 + $1.count }
        let separators = groups.compactMap(\.separator)
        if plus {
            if groups.count == 1 { return digits >= 10 }
            // A dotted run with long groups is a signed decimal (`+3.14159265358979`).
            let dottedDecimal = separators.contains(UInt8(ascii: ".")) && groups.contains { $0.count > 4 }
            // After the country code's separator one kind is used throughout: "+1 415-555-2671 12" ends before " 12".
            return digits >= 8 && !dottedDecimal && Set(separators.dropFirst()).count <= 1
        }
        guard (10...12).contains(digits), groups.count >= 2, Set(separators).count <= 1 else { return false }
        let dottedQuad = separators.first == UInt8(ascii: ".") && groups.count == 4 && groups.allSatisfy { $0.count <= 3 }
        guard !dottedQuad else { return false }  // an IPv4 address
        return isNorthAmerican(groups, text) || isTrunkPrefixed(groups, text)
    }

    /// `[1] NXX NXX XXXX` with an area code starting 2–9, the area code optionally in parentheses.
    private func isNorthAmerican(_ groups: ArraySlice<Group>, _ text: ScannedText) -> Bool {
        var groups = groups
        if groups.count == 4, let first = groups.first, first.count == 1, text[first.start] == UInt8(ascii: "1"), !first.parenthesized {
            groups = groups.dropFirst()
        }
        guard groups.map({ $0.count }) == [3, 3, 4], let area = groups.first else { return false }
        return (UInt8(ascii: "2")...UInt8(ascii: "9")).contains(text[area.start]) && !groups.dropFirst().contains { $0.parenthesized }
    }

    /// A national number with its trunk `0`: a first group of 2–5 digits starting with 0, then groups of 2–8 digits.
    private func isTrunkPrefixed(_ groups: ArraySlice<Group>, _ text: ScannedText) -> Bool {
        guard let first = groups.first, text[first.start] == UInt8(ascii: "0"), (2...5).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { !$0.parenthesized && (2...8).contains($0.count) }
    }
}
