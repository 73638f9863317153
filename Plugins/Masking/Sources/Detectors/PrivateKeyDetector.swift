/// PEM private key blocks, `-----BEGIN … PRIVATE KEY-----` through the matching `-----END … PRIVATE KEY-----`
/// (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8 alike). A block cut off before its END line is still a key: the match
/// then runs over the base64 body that follows the BEGIN line.
struct PrivateKeyDetector: Detector {
    var name: String { "private_key" }

    private static let begin = ASCII.bytes("-----BEGIN ")
    private static let dashes = ASCII.bytes("-----")
    private static let labelSuffix = ASCII.bytes("PRIVATE KEY")
    /// Labels are short ("ENCRYPTED PRIVATE KEY"); a longer run of capitals is no label.
    private static let maxLabelLength = 64

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while let start = text.find(Self.begin, from: index) {
            guard let opening = header(after: start + Self.begin.count, text) else {
                index = start + 1
                continue
            }
            let footer = ASCII.bytes("-----END ") + opening.label + Self.dashes
            let end = text.find(footer, from: opening.end).map { $0 + footer.count } ?? bodyEnd(from: opening.end, text)
            found.append(start..<end)
            index = end
        }
        return found
    }

    /// The label (`RSA PRIVATE KEY`) starting at `start` and the end of the `-----` that closes it.
    private func header(after start: Int, _ text: ScannedText) -> (label: [UInt8], end: Int)? {
        let end = text.end(from: start) { ASCII.isUpper($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: " ") }
        guard end - start <= Self.maxLabelLength, text.hasLiteral(Self.dashes, at: end) else { return nil }
        let label = Array(text.bytes[start..<end])
        guard label.count >= Self.labelSuffix.count, label.suffix(Self.labelSuffix.count).elementsEqual(Self.labelSuffix) else { return nil }
        return (label, end + Self.dashes.count)
    }

    /// Where the base64 body after an unclosed BEGIN line ends: the run of whitespace-separated base64 pieces that
    /// look like key material (16 characters or more, or ending in `=` padding). Prose after it stays.
    private func bodyEnd(from start: Int, _ text: ScannedText) -> Int {
        var end = start
        var position = start
        while true {
            let pieceStart = text.end(from: position, while: ASCII.isSpace)
            let pieceEnd = text.end(from: pieceStart) { ASCII.isAlphanumeric($0) || "+/=".utf8.contains($0) }
            let length = pieceEnd - pieceStart
            guard length > 0, ASCII.isSpace(text[pieceEnd]) || pieceEnd == text.count,
                  length >= 16 || text[pieceEnd - 1] == UInt8(ascii: "=") else { return end }
            end = pieceEnd
            position = pieceEnd
        }
    }
}
