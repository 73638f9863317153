/// International bank account numbers: two capital letters (the country), two check digits and the account (BBAN)
/// in capitals and digits, bare (`GB29NWBK60161331926819`) or in groups of four separated by single spaces
/// (`DE89 3704 0044 0532 0130 00`). The length must be the country's (for the countries in ``lengths``; 15 to 34
/// elsewhere) and the mod-97 check must hold, so a wrong check digit or a typo does not match.
struct IBANDetector: Detector {
    var name: String { "iban" }

    /// IBAN lengths of the SEPA countries and other common ones (ISO 13616 registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BR": 29, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
        "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23,
        "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
        "PT": 25, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
    ]
    private static let otherLengths = 15...34

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index + 4 <= text.count {
            guard ASCII.isUpper(text[index]), ASCII.isUpper(text[index + 1]), ASCII.isDigit(text[index + 2]),
                  ASCII.isDigit(text[index + 3]), !ASCII.isWord(text[index - 1]), let end = iban(at: index, text) else {
                index += 1
                continue
            }
            found.append(index..<end)
            index = end
        }
        return found
    }

    /// The end of the IBAN starting at `start`, if one does.
    private func iban(at start: Int, _ text: ScannedText) -> Int? {
        // Collect characters with where each ends; a space is allowed only after each complete group of four.
        var characters: [UInt8] = []
        var ends: [Int] = []
        var position = start
        while characters.count < Self.otherLengths.upperBound {
            let byte = text[position]
            if Self.isCharacter(byte) {
                characters.append(byte)
                position += 1
                ends.append(position)
            } else if byte == UInt8(ascii: " "), characters.count % 4 == 0, Self.isCharacter(text[position + 1]) {
                position += 1
            } else {
                break
            }
        }
        let country = String(decoding: characters.prefix(2), as: UTF8.self)
        let candidates = Self.lengths[country].map { [$0] } ?? Array(Self.otherLengths.reversed())
        for length in candidates where length <= characters.count {
            let end = ends[length - 1]
            // The account must end where a word ends: "DE89…00 1234" is fine, "DE89…00X" is not an IBAN.
            if !ASCII.isWord(text[end]), Checksums.ibanMod97(Array(characters.prefix(length))) { return end }
        }
        return nil
    }

    private static func isCharacter(_ byte: UInt8) -> Bool { ASCII.isUpper(byte) || ASCII.isDigit(byte) }
}
