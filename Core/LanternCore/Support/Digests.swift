import Crypto
import Foundation

/// SHA-256 digests and constant-time comparison, through swift-crypto.
enum Digests {
    /// The SHA-256 of `bytes` as 64 lower-case hex characters.
    static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String { hex(SHA256.hash(data: bytes)) }

    /// The SHA-256 of `bytes`, base64-encoded (as the Langfuse SDK declares media content).
    static func sha256Base64<Bytes: DataProtocol>(_ bytes: Bytes) -> String { Data(SHA256.hash(data: bytes)).base64EncodedString() }

    /// Whether two strings hold the same bytes, in time that depends only on their lengths, so comparing a secret's
    /// hash or a signature leaks nothing about how much of it matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Lower-case hex of a digest or authentication code.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
