import Foundation

/// Trace and span identifiers: bytes to lower-case hex, and validation of the hex form.
enum HexID {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`.
    static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The id for `bytes` when it has exactly `length` bytes and is not all zero; nil otherwise.
    static func binary<Bytes: Collection>(_ bytes: Bytes, length: Int) -> String? where Bytes.Element == UInt8 {
        guard bytes.count == length, bytes.contains(where: { $0 != 0 }) else { return nil }
        return hex(bytes)
    }

    /// The id for OTLP/JSON text: `2 × length` hex digits (any case), or, tolerated, the base64 of `length` bytes
    /// (the canonical proto3 JSON some encoders emit). nil when neither, or all zero.
    static func text(_ text: String, length: Int) -> String? {
        let utf8 = Array(text.utf8)
        if utf8.count == length * 2, utf8.allSatisfy(isHexDigit) {
            let lowered = text.lowercased()
            return lowered.utf8.contains(where: { $0 != UInt8(ascii: "0") }) ? lowered : nil
        }
        if let data = Data(base64Encoded: text), data.count == length {
            return binary(data, length: length)
        }
        return nil
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }
}
