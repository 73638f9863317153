/// Decodes standard padded base64 (RFC 4648 §4), the token encoding of `.tiktoken` files.
///
/// Hand-written because a vocabulary has 100,000–200,000 lines: decoding straight from the file's bytes into one
/// shared buffer avoids creating a `Data` and a `String` per line.
enum Base64Decoder {
    /// Appends the bytes `text` encodes to `output`; false (and `output` unchanged) when `text` is not padded base64.
    static func decode(_ text: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        guard !text.isEmpty, text.count % 4 == 0 else { return false }
        let originalCount = output.count
        var index = text.startIndex
        while index < text.endIndex {
            let isLastGroup = index + 4 == text.endIndex
            guard let group = decodeGroup(text[index..<(index + 4)], isLastGroup: isLastGroup) else {
                output.removeSubrange(originalCount...)
                return false
            }
            output.append(UInt8(truncatingIfNeeded: group.bits >> 16))
            if group.byteCount > 1 { output.append(UInt8(truncatingIfNeeded: group.bits >> 8)) }
            if group.byteCount > 2 { output.append(UInt8(truncatingIfNeeded: group.bits)) }
            index += 4
        }
        return true
    }

    /// Four characters as 24 bits and how many bytes they carry (fewer than 3 only in the padded last group).
    private static func decodeGroup(_ characters: ArraySlice<UInt8>, isLastGroup: Bool) -> (bits: UInt32, byteCount: Int)? {
        var bits: UInt32 = 0
        var paddingCount = 0
        for character in characters {
            if character == UInt8(ascii: "=") {
                paddingCount += 1
                bits <<= 6
                continue
            }
            // A data character after padding, e.g. "QQ=A", is malformed.
            guard paddingCount == 0, let value = sextet(character) else { return nil }
            bits = bits << 6 | UInt32(value)
        }
        guard paddingCount <= 2, paddingCount == 0 || isLastGroup else { return nil }
        return (bits, 3 - paddingCount)
    }

    /// The 6-bit value of a base64 character; nil for characters outside the standard alphabet.
    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
