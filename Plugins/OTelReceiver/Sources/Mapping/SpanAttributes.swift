import Foundation
import LanternPluginSDK

/// A span's attributes with the lookups the Langfuse mapping needs.
struct SpanAttributes {
    let values: [String: AttributeValue]

    init(_ values: [String: AttributeValue]) { self.values = values }

    subscript(key: String) -> AttributeValue? { values[key] }

    /// Whether `key` is present at all.
    func has(_ key: String) -> Bool { values[key] != nil }

    /// The first key (in order) whose value is truthy, as text.
    func firstText(_ keys: [String]) -> String? {
        for key in keys { if let value = values[key], value.isTruthy { return value.text } }
        return nil
    }

    /// The value of `key` as text when truthy.
    func text(_ key: String) -> String? { firstText([key]) }

    /// The first key whose value is truthy.
    func first(_ keys: [String]) -> AttributeValue? {
        for key in keys { if let value = values[key], value.isTruthy { return value } }
        return nil
    }

    /// Every attribute whose key starts with `prefix` (collected directly: no intermediate dictionary).
    func withPrefix(_ prefix: String) -> [(key: String, value: AttributeValue)] {
        var matches: [(key: String, value: AttributeValue)] = []
        for (key, value) in values where key.hasPrefix(prefix) { matches.append((key, value)) }
        return matches
    }

    /// Whether any key starts with `prefix`.
    func hasPrefix(_ prefix: String) -> Bool { values.keys.contains { $0.hasPrefix(prefix) } }
}

/// What the request says about the client that sent it.
struct ClientInfo: Sendable {
    /// Whether metadata values arrive JSON-encoded per key (Langfuse Python SDK v5 and later).
    var jsonEncodedMetadata: Bool

    /// Reads `x-langfuse-sdk-name` and `x-langfuse-sdk-version`.
    init(headers: [String: String]) {
        let name = headers["x-langfuse-sdk-name"]?.trimmingCharacters(in: .whitespaces).lowercased()
        let version = headers["x-langfuse-sdk-version"] ?? ""
        let major = Int(version.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }) ?? 0
        jsonEncodedMetadata = name == "python" && major >= 5
    }

    init(jsonEncodedMetadata: Bool) { self.jsonEncodedMetadata = jsonEncodedMetadata }
}
