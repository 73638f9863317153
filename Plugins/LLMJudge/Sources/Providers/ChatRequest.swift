import LanternPluginSDK

/// One message of the conversation with the judge model.
struct ChatMessage: Sendable, Hashable {
    /// `user` or `assistant`.
    var role: String
    var content: String

    /// A message from the judge to the model.
    static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
    /// The model's earlier answer, replayed in the repair turn.
    static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }

    /// The message as both chat APIs accept it: `{"role", "content"}` with text content.
    var json: JSONValue { ["role": .string(role), "content": .string(content)] }
}

/// One call to make to a provider, before any wire format is chosen.
struct ChatRequest: Sendable {
    var model: String
    var messages: [ChatMessage]
    /// Model parameters as the evaluator gives them (`temperature`, `max_tokens`, …).
    var parameters: [String: JSONValue]
    /// The JSON schema the answer must follow; nil for a plain text answer (the connection test).
    var schema: JSONValue?
    /// The `max_tokens` sent when `parameters` set none.
    var defaultMaxTokens: Int
    var connection: JudgeConnection
    var timeoutSeconds: Double

    /// The messages as sent, which is also what a ``JudgeCall`` records as its input.
    var messagesJSON: JSONValue { .array(messages.map(\.json)) }
}

/// What a provider's successful (2xx) answer holds, in the judge's terms.
struct ProviderAnswer: Sendable, Hashable {
    /// The structured output's JSON text, else the plain text; nil when the answer holds neither.
    var text: String?
    /// The model the provider says answered.
    var model: String?
    var inputTokens: Int?
    var outputTokens: Int?
    /// Why an answer that arrived may still be unusable (cut off at the token limit, refused), added to the parse error.
    var notice: String?
}

/// One provider wire format: how to ask, and how to read a successful answer.
protocol ProviderAdapter: Sendable {
    /// The HTTP request for `request`; throws when the connection lacks what the format needs.
    func httpRequest(for request: ChatRequest) throws(JudgeFailure) -> HostHTTPRequest
    /// The answer in a 2xx body; nil when the body is not this API's answer at all.
    func answer(from body: JSONValue) -> ProviderAnswer?
}
