import Crypto
import Foundation

/// Signs media upload and download URLs so the SDK can use them without an auth header: HMAC-SHA256 over the
/// purpose, project, media id and expiry, checked in constant time. The key is random per process, so a URL is
/// valid on the server that made it until it expires.
struct MediaURLSigner: Sendable {
    /// What a URL lets its holder do; an upload URL cannot download and the other way round.
    enum Purpose: String, Sendable {
        case upload = "media-upload"
        case download = "media-download"
    }

    let key: SymmetricKey
    /// How long a URL stays valid (Langfuse's presigned URLs last an hour).
    let lifetime: TimeInterval

    /// A signer with a fresh random 256-bit key.
    static func random(lifetime: TimeInterval = 3600) -> MediaURLSigner {
        MediaURLSigner(key: SymmetricKey(size: .bits256), lifetime: lifetime)
    }

    /// When a URL signed at `now` expires (whole seconds, as the URL carries it).
    func expiry(from now: Date) -> Date { Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down)) }

    /// The path and query of a signed URL.
    func path(_ purpose: Purpose, projectID: String, mediaID: String, expiry: Date? = nil) -> String {
        let expires = Int((expiry ?? self.expiry(from: Date())).timeIntervalSince1970)
        let encodedProject = projectID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? projectID
        let token = Digests.hex(HMAC<SHA256>.authenticationCode(for: message(purpose, projectID, mediaID, expires), using: key))
        return "/api/public/\(purpose.rawValue)/\(encodedProject)/\(mediaID)?expires=\(expires)&token=\(token)"
    }

    /// Whether `token` signs this purpose, project, media id and expiry, and the expiry is still ahead of `now`.
    func isValid(_ token: String, _ purpose: Purpose, projectID: String, mediaID: String, expires: Int, now: Date) -> Bool {
        guard Double(expires) > now.timeIntervalSince1970, let code = Self.bytes(fromHex: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message(purpose, projectID, mediaID, expires), using: key)
    }

    private func message(_ purpose: Purpose, _ projectID: String, _ mediaID: String, _ expires: Int) -> Data {
        Data("\(purpose.rawValue)\n\(projectID)\n\(mediaID)\n\(expires)".utf8)
    }

    /// The bytes of lower-case or upper-case hex text; nil for anything else.
    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, digits.count <= 128 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: digit - 48
        case 97...102: digit - 87
        case 65...70: digit - 55
        default: nil
        }
    }
}
