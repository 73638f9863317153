import Crypto

/// The keyed hash behind `replacement: hash`. Each project gets its own key, HMAC-SHA256(hashSecret, projectID), and a
/// value's token is the first 12 hex digits of HMAC-SHA256(projectKey, value): equal values give equal tokens within a
/// project (so masked data stays joinable) and unrelated ones across projects (so no project can match another's).
struct ProjectHasher: Sendable {
    private let projectKey: SymmetricKey

    /// The hasher of `projectID` under `secret`.
    init(secret: String, projectID: String) {
        let key = HMAC<SHA256>.authenticationCode(for: Array(projectID.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        projectKey = SymmetricKey(data: Array(key))
    }

    /// The first 12 hex digits (48 bits) of the value's code: short enough to read, long enough not to collide in
    /// practice within one project's values of one kind.
    func digest(_ value: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: projectKey)
        return Hex.encode(code.prefix(6))
    }
}

/// Lower-case hexadecimal text.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
