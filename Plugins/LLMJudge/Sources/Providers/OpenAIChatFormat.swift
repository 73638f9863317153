import LanternPluginSDK

/// The Chat Completions body and answer, shared by OpenAI, OpenAI-compatible servers and Azure OpenAI.
enum OpenAIChatFormat {
    /// The name of the structured output, which OpenAI requires.
    static let schemaName = "score"

    /// The judge's own members of the body; `max_tokens` only when the parameters set no token limit.
    static func ownMembers(_ request: ChatRequest) -> [String: JSONValue] {
        var own: [String: JSONValue] = ["model": .string(request.model), "messages": request.messagesJSON]
        if request.parameters["max_tokens"] == nil, request.parameters["max_completion_tokens"] == nil {
            own["max_tokens"] = .number(Double(request.defaultMaxTokens))
        }
        if let schema = request.schema {
            own["response_format"] = [
                "type": "json_schema",
                "json_schema": ["name": .string(schemaName), "strict": true, "schema": schema],
            ]
        }
        return own
    }

    /// The first choice's answer: its first tool call's arguments (servers that turn structured output into a tool
    /// call), else its content; nil when the body has no `choices`.
    static func answer(from body: JSONValue) -> ProviderAnswer? {
        guard let root = body.objectValue, let choices = root["choices"]?.arrayValue else { return nil }
        let choice = choices.first?.objectValue
        let message = choice?["message"]?.objectValue
        let usage = root["usage"]?.objectValue
        let arguments = message?["tool_calls"]?.arrayValue?.first?.objectValue?["function"]?.objectValue?["arguments"]?.stringValue
        return ProviderAnswer(text: arguments ?? text(of: message?["content"]), model: root["model"]?.stringValue,
                              inputTokens: usage?["prompt_tokens"]?.exactInt, outputTokens: usage?["completion_tokens"]?.exactInt,
                              notice: notice(refusal: message?["refusal"]?.stringValue, finishReason: choice?["finish_reason"]?.stringValue))
    }

    /// Content as a string, or as a list of parts (some compatible servers) whose texts are joined.
    private static func text(of content: JSONValue?) -> String? {
        switch content {
        case .string(let text)?: return text
        case .array(let parts)?:
            let texts = parts.compactMap { $0.objectValue?["text"]?.stringValue }
            return texts.isEmpty ? nil : texts.joined()
        default: return nil
        }
    }

    private static func notice(refusal: String?, finishReason: String?) -> String? {
        if let refusal { return "the model refused: \(refusal)" }
        switch finishReason {
        case "length": return "the answer was cut off at the token limit; raise max_tokens"
        case "content_filter": return "the provider's content filter stopped the answer"
        default: return nil
        }
    }
}
