/// IPv6 addresses: eight groups of 1 to 4 hex digits, or fewer around one `::`, optionally ending in a dotted IPv4
/// address (`::ffff:192.0.2.1`). At least two colons and two groups are required, so a clock time (`12:30:45`), a
/// MAC address (six groups, no `::`), a slice (`[::2]`) or `std::vector` is not an address.
struct IPv6Detector: Detector {
    var name: String { "ipv6" }

    /// The longest textual form (`ffff:…:255.255.255.255`) is 45 characters; a longer run is not one address.
    private static let maxLength = 45

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            let before = text[index - 1]
            guard ASCII.isHex(byte) || byte == UInt8(ascii: ":"), !ASCII.isWord(before), before != UInt8(ascii: ":"),
                  before != UInt8(ascii: ".") else {
                index += 1
                continue
            }
            let runEnd = text.end(from: index) { ASCII.isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
            var end = runEnd
            // Punctuation after an address ("…::1." or "…::1: refused") is not part of it; a final "::" is.
            if text[end - 1] == UInt8(ascii: ".") { end -= 1 }
            if text[end - 1] == UInt8(ascii: ":"), text[end - 2] != UInt8(ascii: ":") { end -= 1 }
            let run = text.bytes[index..<max(end, index)]
            // Most hex runs are words ("face", "added"): the colon count turns them away before any copy.
            if run.count <= Self.maxLength, !ASCII.isWord(text[runEnd]), run.count(where: { $0 == UInt8(ascii: ":") }) >= 2,
               Self.isAddress(Array(run)) {
                found.append(index..<end)
            }
            index = max(runEnd, index + 1)
        }
        return found
    }

    /// Whether `bytes` (hex digits, colons and dots only) is a valid IPv6 address in the sense above.
    static func isAddress(_ bytes: [UInt8]) -> Bool {
        let colon = UInt8(ascii: ":")
        guard bytes.count(where: { $0 == colon }) >= 2 else { return false }
        let halves = split(bytes, onDoubleColon: colon)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (half, part) in halves.enumerated() where !part.isEmpty {
            let fields = part.split(separator: colon, omittingEmptySubsequences: false)
            for (position, field) in fields.enumerated() {
                let isLast = half == halves.count - 1 && position == fields.count - 1
                if isLast, field.contains(UInt8(ascii: ".")) {
                    // An embedded IPv4 address counts as two groups.
                    let quad = ScannedText(String(decoding: field, as: UTF8.self))
                    guard IPv4Detector.address(at: 0, quad) == quad.count else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(field.count), field.allSatisfy(ASCII.isHex) else { return false }
                    groups += 1
                }
            }
        }
        return groups >= 2 && (halves.count == 2 ? groups <= 7 : groups == 8)
    }

    /// The parts before and after each `::` (one part when there is none). A `:::` yields an empty field and fails.
    private static func split(_ bytes: [UInt8], onDoubleColon colon: UInt8) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == colon, bytes[index + 1] == colon {
                parts.append(bytes[start..<index])
                start = index + 2
                index += 2
            } else {
                index += 1
            }
        }
        parts.append(bytes[start...])
        return parts
    }
}
