/// The check-digit algorithms that make card numbers and IBANs precise: a random digit run passes Luhn one time in
/// ten and mod-97 one time in 97, so a checksum turns most look-alikes (order numbers, ids) away.
enum Checksums {
    /// The Luhn check of a card number; `digits` are ASCII digits.
    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, byte) in digits.reversed().enumerated() {
            var digit = Int(byte &- 0x30)
            if position % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return !digits.isEmpty && sum % 10 == 0
    }

    /// The ISO 13616 check of an IBAN given without spaces: the first four characters moved to the end, letters read
    /// as 10…35, the number modulo 97 must be 1. Computed digit by digit, so no length can overflow.
    static func ibanMod97(_ characters: [UInt8]) -> Bool {
        guard characters.count > 4 else { return false }
        var remainder = 0
        for byte in characters[4...] + characters[..<4] {
            if ASCII.isDigit(byte) {
                remainder = (remainder * 10 + Int(byte &- 0x30)) % 97
            } else if ASCII.isUpper(byte) {
                remainder = (remainder * 100 + Int(byte &- 0x41) + 10) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }
}
