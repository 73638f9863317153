/// Payment card numbers: 13 to 19 digits passing the Luhn check, starting with 2–6 (the Mastercard, Visa, Amex,
/// Discover, JCB, Diners and UnionPay ranges), written bare or in groups of four separated by one kind of space or
/// dash (`4111 1111 1111 1111`, Amex `3782 822463 10005`).
///
/// The leading digit keeps millisecond timestamps and most order numbers out (they start with 1 or run longer), and
/// Luhn turns away nine in ten of the rest. With `numbers: true`, a JSON number whose digits pass the same checks is
/// a card number too.
struct CreditCardDetector: NumberDetector {
    var name: String { "credit_card" }

    private static let lengths = 13...19
    /// What may stand between groups.
    private static let joiners = ByteSet(" -")
    /// What may not stand right before the first digit: a sign, or a digit group of a longer number.
    private static let blockers = ByteSet("+-.,")

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            guard ASCII.isDigit(text[index]), canStart(at: index, text) else {
                index += 1
                continue
            }
            let run = text.digits(from: index, enough: Self.lengths.lowerBound, joinedBy: Self.joiners.contains)
            if run.count < Self.lengths.lowerBound {
                index = max(run.end, index + 1)  // too few digits here, and so at any later start in this run
            } else if let end = match(from: index, text) {
                found.append(index..<end)
                index = end
            } else {
                // Retry at the next group: "ref 12 4111 1111 1111 1111" holds a card after its first group.
                index = text.end(from: index, while: ASCII.isDigit)
            }
        }
        return found
    }

    func matchesNumber(digits: ScannedText) -> Bool {
        isCardNumber(digits.bytes)
    }

    private func canStart(at index: Int, _ text: ScannedText) -> Bool {
        let before = text[index - 1]
        return !ASCII.isWord(before) && !Self.blockers.contains(before)
    }

    /// The end of the card number starting at `start`: all the groups read there, or the most of them that form one
    /// when the rest follows a space ("4111 1111 1111 1111 2029").
    private func match(from start: Int, _ text: ScannedText) -> Int? {
        let (groups, complete) = read(from: start, text)
        for count in stride(from: groups.count, through: 1, by: -1) {
            let end = groups[count - 1].upperBound
            let next = text[end]
            // All groups when they end the number; fewer only when a space sets the rest apart.
            let whole = complete && count == groups.count ? text.endsNumber(at: end) : next == UInt8(ascii: " ")
            if whole, isCard(groups[..<count], text) { return end }
        }
        return nil
    }

    /// The digit groups from `start`, separated by one kind of space or dash. Reading stops before a group that would
    /// pass 19 digits; `complete` is false then, as more digits follow.
    private func read(from start: Int, _ text: ScannedText) -> (groups: [Range<Int>], complete: Bool) {
        var groups: [Range<Int>] = []
        var position = start
        var separator: UInt8?
        var digits = 0
        while true {
            let groupEnd = text.end(from: position, while: ASCII.isDigit)
            digits += groupEnd - position
            guard digits <= Self.lengths.upperBound else { return (groups, false) }
            groups.append(position..<groupEnd)
            let next = text[groupEnd]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "-"), separator == nil || separator == next,
                  ASCII.isDigit(text[groupEnd + 1]) else { return (groups, true) }
            separator = next
            position = groupEnd + 1
        }
    }

    /// Whether the groups hold a card number written as cards are: bare, in fours, or Amex/Diners 4-6-5 and 4-6-4.
    private func isCard(_ groups: ArraySlice<Range<Int>>, _ text: ScannedText) -> Bool {
        let sizes = groups.map(\.count)
        let grouped = sizes.count == 1 || sizes.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(sizes.last ?? 0)
            || sizes == [4, 6, 5] || sizes == [4, 6, 4]
        guard grouped else { return false }
        return isCardNumber(groups.flatMap { text.bytes[$0.clamped(to: 0..<text.count)] })
    }

    private func isCardNumber(_ digits: [UInt8]) -> Bool {
        guard Self.lengths.contains(digits.count), let first = digits.first,
              (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(first) else { return false }
        return Checksums.luhn(digits)
    }
}
