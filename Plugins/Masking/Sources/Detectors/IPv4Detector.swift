/// IPv4 addresses: four dot-separated numbers of 1 to 3 digits, each at most 255. A longer dotted run
/// (`1.2.3.4.5`, a version) and a run glued to a letter (`v1.2.3.4`) are not addresses; a port or prefix length
/// after it (`10.0.0.1:8080`, `10.0.0.0/8`) is left in place.
struct IPv4Detector: Detector {
    var name: String { "ipv4" }

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            let before = text[index - 1]
            guard ASCII.isDigit(text[index]), !ASCII.isWord(before), before != UInt8(ascii: ".") else {
                index += 1
                continue
            }
            if let end = Self.address(at: index, text) {
                found.append(index..<end)
                index = end
            } else {
                // Skip the whole dotted run so that its tail (`2.3.4.5` of `1.2.3.4.5`) is not tried on its own.
                index = text.end(from: index) { ASCII.isDigit($0) || $0 == UInt8(ascii: ".") }
            }
        }
        return found
    }

    /// The end of the address starting at `start`, if four valid octets start there and nothing dotted follows.
    static func address(at start: Int, _ text: ScannedText) -> Int? {
        var position = start
        for octet in 0..<4 {
            if octet > 0 {
                guard text[position] == UInt8(ascii: ".") else { return nil }
                position += 1
            }
            let end = text.end(from: position, while: ASCII.isDigit)
            guard (1...3).contains(end - position), value(position..<end, text) <= 255 else { return nil }
            position = end
        }
        let after = text[position]
        if ASCII.isWord(after) || (after == UInt8(ascii: ".") && ASCII.isDigit(text[position + 1])) { return nil }
        return position
    }

    private static func value(_ range: Range<Int>, _ text: ScannedText) -> Int {
        range.reduce(0) { $0 * 10 + Int(text[$1] &- 0x30) }
    }
}
