import Crypto
import Foundation

/// Seals and opens the secrets of LLM connections with AES-256-GCM, under the key in `LANTERN_ENCRYPTION_KEY`
/// (32 bytes, written as 64 hex digits or in base64). A sealed value is `v1:` and the base64 of nonce, ciphertext and
/// tag; the storage keeps only that.
struct SecretBox: Sendable {
    /// The environment variable holding the key.
    static let environmentKey = "LANTERN_ENCRYPTION_KEY"

    private let key: SymmetricKey

    /// Why no box could be made, or a value could not be opened.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The box for the key in `environment`; nil when the variable is unset or empty.
    static func fromEnvironment(_ environment: [String: String]) throws(Problem) -> SecretBox? {
        guard let text = environment[environmentKey]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let bytes = decodeKey(text), bytes.count == 32 else {
            throw Problem(description: "\(environmentKey) must be 32 bytes written as 64 hex digits or in base64 (e.g. `openssl rand -hex 32`)")
        }
        return SecretBox(key: SymmetricKey(data: bytes))
    }

    init(key: SymmetricKey) { self.key = key }

    /// The sealed form of `secret`.
    func seal(_ secret: String) throws -> String {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key)
        guard let combined = box.combined else { throw Problem(description: "AES-GCM gave no combined form") }
        return "v1:" + combined.base64EncodedString()
    }

    /// The secret sealed in `sealed`; throws when it was sealed under another key or is damaged.
    func open(_ sealed: String) throws(Problem) -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw Problem(description: "the stored secret is not in Lantern's sealed form")
        }
        do {
            let opened = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: opened, as: UTF8.self)
        } catch {
            throw Problem(description: "the stored secret cannot be opened with this \(Self.environmentKey) (was it sealed under another key?)")
        }
    }

    private static func decodeKey(_ text: String) -> [UInt8]? {
        if text.count == 64, text.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return bytes
        }
        return Data(base64Encoded: text).map { [UInt8]($0) }
    }
}
