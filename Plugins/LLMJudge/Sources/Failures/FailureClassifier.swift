import Foundation
import LanternPluginSDK

/// Turns a provider's refusal or a failed exchange into a ``JudgeFailure`` the kernel acts on: retry later, pause the
/// rule (the connection needs fixing), or give up on the request.
enum FailureClassifier {
    /// The longest raw body quoted as the message when the provider gave no error text of its own.
    static let maxRawMessage = 500

    /// The failure for a non-2xx answer.
    static func failure(status: Int, headers: [String: String], body: [UInt8], now: Date) -> JudgeFailure {
        let text = String(decoding: body, as: UTF8.self)
        let json = JSONValue.parse(text, maxDepth: 32)
        let message = providerMessage(json) ?? rawMessage(text, status: status)
        return JudgeFailure(kind: kind(status: status, json: json, headers: headers, now: now), message: message, status: status)
    }

    /// The failure for an exchange that ended before a status arrived.
    static func failure(for error: any Error) -> JudgeFailure {
        let kind: JudgeFailure.Kind
        switch error as? HostHTTPError {
        // The base URL itself is wrong: only a person can fix it.
        case .invalidURL?: kind = .connection
        // An answer past the kernel's body limit is no judgment; asking again would bring the same.
        case .bodyTooLarge?: kind = .invalidOutput
        // Timeouts, dropped connections and anything unknown from the client: worth another try later.
        default: kind = .retryable(afterSeconds: nil)
        }
        return JudgeFailure(kind: kind, message: String(describing: error))
    }

    private static func kind(status: Int, json: JSONValue?, headers: [String: String], now: Date) -> JudgeFailure.Kind {
        switch status {
        // OpenAI answers an exhausted balance with 429 too; waiting does not refill it.
        case 429 where isQuotaExhausted(json): .connection
        // Rate limits, overload (Anthropic's 529 included) and the provider's own timeouts pass with time.
        case 408, 429, 500...599: .retryable(afterSeconds: RetryAfter.seconds(in: headers, now: now))
        // Bad key, no credit, no access, unknown model: the connection must be fixed first.
        case 401, 402, 403, 404: .connection
        // The provider refused this request as written (bad parameters, a schema it does not take).
        case 400..<500: .unsupported
        // A redirect or anything stranger: the base URL does not lead to the API.
        default: .connection
        }
    }

    /// The provider's own error text: `error.message` (OpenAI, Azure, Anthropic), a string `error` or a top-level
    /// `message` (gateways such as Azure API Management).
    private static func providerMessage(_ json: JSONValue?) -> String? {
        guard let root = json?.objectValue else { return nil }
        let candidates = [root["error"]?.objectValue?["message"]?.stringValue, root["error"]?.stringValue, root["message"]?.stringValue]
        return candidates.compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    private static func isQuotaExhausted(_ json: JSONValue?) -> Bool {
        let error = json?.objectValue?["error"]?.objectValue
        return error?["code"]?.stringValue == "insufficient_quota" || error?["type"]?.stringValue == "insufficient_quota"
    }

    private static func rawMessage(_ text: String, status: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "the provider answered HTTP \(status) with an empty body" : String(trimmed.prefix(maxRawMessage))
    }
}
