import Foundation
import LanternPluginSDK

/// The stored form of API keys: generation, hashing and the display hint. Only a hash of each secret is stored.
enum APIKeys {
    /// A newly made key pair; the secret is shown once and never stored.
    struct Pair: Sendable {
        let publicKey: String
        let secretKey: String
    }

    /// The stored form of a secret. Secrets are 128-bit random UUIDs (or operator-chosen for seeded keys), so a
    /// fast hash suffices; the lookup is by public key and the comparison constant-time.
    static func hash(_ secret: String) -> String { Digests.sha256Hex(Array(secret.utf8)) }

    /// A fresh random pair `pk-lf-<uuid>` / `sk-lf-<uuid>`.
    static func generate() -> Pair {
        Pair(publicKey: "pk-lf-" + UUID().uuidString.lowercased(), secretKey: "sk-lf-" + UUID().uuidString.lowercased())
    }

    /// The record for `pair`: a project key when `projectID` is given, else an organization key.
    static func record(_ pair: Pair, projectID: String?, organizationID: String, note: String?, at now: Date, expiresAt: Date? = nil) -> APIKey {
        APIKey(id: "key-" + Identifiers.stableHash(pair.publicKey), projectID: projectID, organizationID: organizationID,
               publicKey: pair.publicKey, secretHash: hash(pair.secretKey), displaySecret: displayHint(pair.secretKey),
               createdAt: now, note: note, expiresAt: expiresAt)
    }

    /// `sk-lf-...abcd`: enough to tell keys apart, too little to use.
    static func displayHint(_ secret: String) -> String { "sk-lf-..." + String(secret.suffix(4)) }

    /// The hint of a stored key; keys made before hints carried the prefix show `...abcd`.
    static func displayHint(of key: APIKey) -> String {
        key.displaySecret.hasPrefix("...") ? "sk-lf-" + key.displaySecret : key.displaySecret
    }

    /// Checks a pair's form: both given or neither, with their prefixes.
    static func validate(publicKey: String?, secretKey: String?) throws -> Pair? {
        switch (publicKey, secretKey) {
        case (nil, nil): return nil
        case (let publicKey?, let secretKey?):
            guard publicKey.hasPrefix("pk-lf-"), publicKey.count > 6 else { throw APIError.badRequest("publicKey: must start with 'pk-lf-'") }
            guard secretKey.hasPrefix("sk-lf-"), secretKey.count > 6 else { throw APIError.badRequest("secretKey: must start with 'sk-lf-'") }
            return Pair(publicKey: publicKey, secretKey: secretKey)
        default: throw APIError.badRequest("publicKey and secretKey go together: give both or neither")
        }
    }
}
