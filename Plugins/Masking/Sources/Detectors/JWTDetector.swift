import LanternPluginSDK

/// JSON Web Tokens: three base64url parts joined by dots (the last, the signature, may be empty), the first starting
/// `eyJ` (the encoding of `{"`) and decoding to a JSON object with an `alg` member. Decoding the header is what tells
/// a token from any dotted base64 run.
struct JWTDetector: Detector {
    var name: String { "jwt" }

    /// The encoding of `{"`, which every header starts with.
    private static let lead = ASCII.bytes("eyJ")
    /// Headers are a few dozen bytes; a longer first part is not worth decoding.
    private static let maxHeaderLength = 2048

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while let start = text.find(Self.lead, from: index) {
            guard !ASCII.isBase64URL(text[start - 1]), text[start - 1] != UInt8(ascii: "."), let end = token(at: start, text) else {
                index = start + 1
                continue
            }
            found.append(start..<end)
            index = end
        }
        return found
    }

    /// The end of the token starting at `start`, if one does.
    private func token(at start: Int, _ text: ScannedText) -> Int? {
        let dot = UInt8(ascii: ".")
        let headerEnd = text.end(from: start, while: ASCII.isBase64URL)
        guard text[headerEnd] == dot, headerEnd - start <= Self.maxHeaderLength else { return nil }
        let payloadEnd = text.end(from: headerEnd + 1, while: ASCII.isBase64URL)
        guard payloadEnd > headerEnd + 1, text[payloadEnd] == dot else { return nil }
        let end = text.end(from: payloadEnd + 1, while: ASCII.isBase64URL)
        guard text[end] != dot, hasAlgorithm(text.bytes[start..<headerEnd]) else { return nil }
        return end
    }

    private func hasAlgorithm(_ header: ArraySlice<UInt8>) -> Bool {
        guard let decoded = Base64URL.decode(header), let json = JSONValue(parsing: String(decoding: decoded, as: UTF8.self)),
              case .object(let members) = json else { return false }
        return members["alg"]?.stringValue != nil
    }
}

/// Unpadded base64url decoding (RFC 4648 §5), as JWT parts use it.
enum Base64URL {
    /// The decoded bytes, or nil when `encoded` is not base64url (a stray character, an impossible length).
    static func decode(_ encoded: ArraySlice<UInt8>) -> [UInt8]? {
        guard encoded.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in encoded {
            guard let value = sextet(byte) else { return nil }
            buffer = (buffer << 6 | UInt32(value)) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
