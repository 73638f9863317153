/// The scan the API-key detectors share: a fixed prefix at the start of a word, then a body of allowed characters
/// whose length is in range, ending at a word's end. Requiring a word start keeps `sk-` in `task-list` out.
enum TokenScanner {
    /// Every token in `text`: one of `prefixes` (all starting with the byte `lead`) and a body of `isBody` bytes whose
    /// length is in `lengths` and which `accept` approves.
    static func scan(_ text: ScannedText, lead: UInt8, prefixes: [[UInt8]], body isBody: (UInt8) -> Bool, lengths: ClosedRange<Int>,
                     accept: (ArraySlice<UInt8>) -> Bool = { _ in true }) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            guard text[index] == lead, !ASCII.isBase64URL(text[index - 1]),
                  let prefix = prefixes.first(where: { text.hasLiteral($0, at: index) }) else {
                index += 1
                continue
            }
            let bodyStart = index + prefix.count
            let end = text.end(from: bodyStart, while: isBody)
            if lengths.contains(end - bodyStart), !ASCII.isWord(text[end]), accept(text.bytes[bodyStart..<end]) {
                found.append(index..<end)
                index = end
            } else {
                index = max(end, index + 1)
            }
        }
        return found
    }

    /// Whether a key body mixes letters and digits, as random keys do and hyphenated words (`sk-long-phrase`) do not.
    static func looksRandom(_ body: ArraySlice<UInt8>) -> Bool {
        body.contains(where: ASCII.isDigit) && body.contains(where: ASCII.isLetter)
    }
}
