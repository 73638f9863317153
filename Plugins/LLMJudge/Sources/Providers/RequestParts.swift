import Foundation
import LanternPluginSDK

/// The pieces every adapter assembles the same way: base URL, headers, JSON body.
enum RequestParts {
    /// The connection's base URL without trailing slashes, or `fallback` when it sets none.
    static func baseURL(_ connection: JudgeConnection, fallback: String) -> String {
        let given = (connection.baseURL ?? "").trimmingCharacters(in: .whitespaces)
        return trimmingSlashes(given.isEmpty ? fallback : given)
    }

    /// `text` without trailing `/`, so paths can be appended with one.
    private static func trimmingSlashes(_ text: String) -> String {
        var result = Substring(text)
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }

    /// The adapter's headers, then the connection's extra headers in name order. An extra header replaces the
    /// adapter's header of the same name, so a gateway can take its own credentials in place of the key's.
    static func headers(_ own: [(name: String, value: String)], extra: [String: String]) -> [(name: String, value: String)] {
        let replaced = Set(extra.keys.map { $0.lowercased() })
        let kept = own.filter { !replaced.contains($0.name.lowercased()) }
        return kept + extra.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// The JSON body: the evaluator's parameters with the adapter's own members over them, since the judge's answer
    /// depends on those (model, messages, structured output). `stream` is dropped: the judge reads one whole answer.
    static func body(parameters: [String: JSONValue], own: [String: JSONValue]) throws(JudgeFailure) -> [UInt8] {
        var members = parameters
        members["stream"] = nil
        members.merge(own) { _, ownValue in ownValue }
        guard let text = JSONValue.object(members).canonicalJSONText else {
            throw JudgeFailure(kind: .unsupported, message: "the request holds a number JSON cannot carry (NaN or infinity)")
        }
        return Array(text.utf8)
    }

    /// `text` percent-encoded for one URL path segment or query value.
    static func encodedComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// RFC 3986's unreserved characters: everything else is encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
