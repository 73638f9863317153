import LanternPluginSDK

/// Anthropic's Messages API, with structured output as a forced call of one tool whose input is the verdict.
struct AnthropicAdapter: ProviderAdapter {
    static let defaultBaseURL = "https://api.anthropic.com"
    static let apiVersion = "2023-06-01"
    /// The tool the model is made to call; its input schema is the verdict's.
    static let toolName = "score"

    func httpRequest(for request: ChatRequest) throws(JudgeFailure) -> HostHTTPRequest {
        let base = RequestParts.baseURL(request.connection, fallback: Self.defaultBaseURL)
        let url = base.hasSuffix("/v1") ? base + "/messages" : base + "/v1/messages"
        var own: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json"),
                                                    (name: "anthropic-version", value: Self.apiVersion)]
        if !request.connection.secretKey.isEmpty { own.append((name: "x-api-key", value: request.connection.secretKey)) }
        return HostHTTPRequest(method: "POST", url: url, headers: RequestParts.headers(own, extra: request.connection.extraHeaders),
                               body: try RequestParts.body(parameters: request.parameters, own: Self.ownMembers(request)),
                               timeoutSeconds: request.timeoutSeconds)
    }

    /// The judge's own members; `max_tokens` is required by Anthropic, so it is always set.
    private static func ownMembers(_ request: ChatRequest) -> [String: JSONValue] {
        var own: [String: JSONValue] = ["model": .string(request.model), "messages": request.messagesJSON]
        if request.parameters["max_tokens"] == nil { own["max_tokens"] = .number(Double(request.defaultMaxTokens)) }
        if let schema = request.schema {
            own["tools"] = [[
                "name": .string(toolName),
                "description": "Record the verdict: the reasoning, then the score.",
                "input_schema": schema,
            ]]
            own["tool_choice"] = ["type": "tool", "name": .string(toolName)]
        }
        return own
    }

    /// The `tool_use` block's input as JSON text, else the text blocks joined; nil when the body has no `content`.
    func answer(from body: JSONValue) -> ProviderAnswer? {
        guard let root = body.objectValue, let content = root["content"]?.arrayValue else { return nil }
        let blocks = content.compactMap(\.objectValue)
        let toolInput = blocks.first { $0["type"]?.stringValue == "tool_use" }?["input"]?.canonicalJSONText
        let texts = blocks.filter { $0["type"]?.stringValue == "text" }.compactMap { $0["text"]?.stringValue }
        let usage = root["usage"]?.objectValue
        return ProviderAnswer(text: toolInput ?? (texts.isEmpty ? nil : texts.joined()), model: root["model"]?.stringValue,
                              inputTokens: usage?["input_tokens"]?.exactInt, outputTokens: usage?["output_tokens"]?.exactInt,
                              notice: Self.notice(stopReason: root["stop_reason"]?.stringValue))
    }

    private static func notice(stopReason: String?) -> String? {
        switch stopReason {
        case "max_tokens": "the answer was cut off at the token limit; raise max_tokens"
        case "refusal": "the model refused to answer"
        default: nil
        }
    }
}
