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

/// Deterministic ids from text (FNV-1a, two 64-bit lanes): for stable entity ids, not for security.
enum StableID {
    static func hash(_ parts: [String]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for (index, part) in parts.enumerated() {
            if index > 0 {
                first = (first ^ 0x1f) &* 0x100_0000_01b3
                second = (second ^ 0x1e) &* 0x100_0000_01b3
            }
            for byte in part.utf8 {
                first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
                second = (second ^ UInt64(byte ^ 0x5a)) &* 0x100_0000_01b3
            }
        }
        return pad(first) + pad(second)
    }

    private static func pad(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
