import Foundation

/// Sign-in session tokens. The browser holds a random token; the database holds only its SHA-256, so a leaked
/// database row cannot be replayed as a cookie.
enum SessionTokens {
    /// The session cookie's name.
    static let cookieName = "lantern_session"

    /// 32 random bytes, base64url without padding.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The stored id of a token.
    static func id(of token: String) -> String { Digests.sha256Hex(Array(token.utf8)) }

    /// The session token in a `Cookie` header, or nil.
    static func token(inCookieHeader header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == cookieName, !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// The `Set-Cookie` value that stores `token` for `maxAge` seconds (0 clears it).
    static func setCookie(_ token: String, maxAge: Int, secure: Bool) -> String {
        var cookie = "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(maxAge)"
        if secure { cookie += "; Secure" }
        return cookie
    }
}
