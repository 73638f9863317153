import LanternPluginSDK

/// Removes secrets from an event's before/after before it is stored: any value under a key that names a secret
/// (passwords, secret keys, tokens, hashes of them, sealed values), at any depth. `displaySecretKey` (the last four
/// characters the API shows anyway) stays.
enum Redaction {
    static let marker: JSONValue = "[REDACTED]"
    private static let secretWords = ["secret", "password", "passwd", "token", "apikey", "api_key", "authorization", "hash", "sealed", "credential"]
    private static let shownAnyway: Set<String> = ["displaySecretKey", "display_secret_key", "sha256Hash"]

    static func redact(_ event: AuditEvent) -> AuditEvent {
        var clean = event
        clean.before = event.before.map { redact($0, depth: 0) }
        clean.after = event.after.map { redact($0, depth: 0) }
        return clean
    }

    static func isSecret(key: String) -> Bool {
        guard !shownAnyway.contains(key) else { return false }
        let lowered = key.lowercased()
        return secretWords.contains { lowered.contains($0) }
    }

    private static func redact(_ value: JSONValue, depth: Int) -> JSONValue {
        guard depth < 64 else { return marker }
        switch value {
        case .object(let object):
            return .object(object.reduce(into: [:]) { result, entry in
                result[entry.key] = isSecret(key: entry.key) && entry.value != .null ? marker : redact(entry.value, depth: depth + 1)
            })
        case .array(let items):
            return .array(items.map { redact($0, depth: depth + 1) })
        default:
            return value
        }
    }
}
