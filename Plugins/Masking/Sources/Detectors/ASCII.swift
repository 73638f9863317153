/// ASCII byte classes the scanners share. Bytes of multi-byte UTF-8 sequences belong to none of them, so a letter
/// outside ASCII counts as a separator: a value next to it can still match.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    /// Letters, digits and `_`: what continues an identifier, so a match must not touch one.
    static func isWord(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
    static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    /// The base64url alphabet (JWT parts, API key bodies).
    static func isBase64URL(_ byte: UInt8) -> Bool { isWord(byte) || byte == UInt8(ascii: "-") }
    /// Space, tab, carriage return, line feed.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
    /// The bytes of an ASCII literal, for ``ScannedText/hasLiteral(_:at:ignoringCase:)``.
    static func bytes(_ literal: String) -> [UInt8] { Array(literal.utf8) }
}
