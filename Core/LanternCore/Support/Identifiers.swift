import Foundation

/// Identifier helpers.
enum Identifiers {
    /// A random 32-character lower-case hex id (the shape of an OpenTelemetry trace id).
    static func random() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// A stable 16-character hex digest of `text` (FNV-1a, 64 bit): for deterministic ids, not security.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
