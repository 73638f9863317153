import LanternPluginSDK

/// Counts the tokens of a generation's input or output the way Langfuse infers usage for OpenAI models.
///
/// A string holding JSON counts as the parsed value. A chat-message list (`[{role, content, name?}]`, each role,
/// content and name a string) is counted by OpenAI's rule when the tokenizer config gives `tokensPerMessage` and
/// `tokensPerName`: per message `tokensPerMessage`, plus the tokens of its `content`, `role`, `name`, `tool_calls`,
/// `function_call`, `toolCalls` and `functionCall` values (other keys count nothing), plus `tokensPerName` when it has
/// a `name`; plus 3 tokens that prime the reply. Any other string counts its tokens, any other value the tokens of its
/// JSON text.
///
/// Differences from Langfuse: a non-string `tool_calls` (or other non-string counted value) counts the tokens of its
/// JSON text, where Langfuse's tokenizer fails on it; JSON text has sorted keys rather than the original order; and
/// special tokens such as `<|endoftext|>` count as ordinary text, where Langfuse counts each as one token.
public enum TokenCounter {
    /// The message keys whose values are counted.
    private static let countedMessageKeys = ["content", "role", "name", "tool_calls", "function_call", "toolCalls", "functionCall"]

    /// The number of tokens of `value` in `encoding`; `config` is the model's tokenizer config. nil when there is
    /// nothing to count (`value` is null or an empty list).
    public static func count(_ value: JSONValue, encoding: TiktokenEncoding, config: JSONValue?) -> Int? {
        switch value {
        case .null: return nil
        case .array(let items) where items.isEmpty: return nil
        default: break
        }
        let valueToCount = if case .string(let text) = value, let parsed = JSONValue(parsing: text) { parsed } else { value }
        if let messages = chatMessages(valueToCount), let rule = ChatCountingRule(config: config) {
            return countChat(messages, encoding: encoding, rule: rule)
        }
        return countText(of: valueToCount, encoding: encoding)
    }

    /// The messages when `value` is a chat-message list (an empty list is one, as in Langfuse).
    private static func chatMessages(_ value: JSONValue) -> [[String: JSONValue]]? {
        guard case .array(let items) = value else { return nil }
        var messages: [[String: JSONValue]] = []
        messages.reserveCapacity(items.count)
        for item in items {
            guard let message = item.objectValue,
                  message["role"]?.stringValue != nil,
                  message["content"]?.stringValue != nil,
                  message["name"].map({ $0.stringValue != nil }) ?? true
            else { return nil }
            messages.append(message)
        }
        return messages
    }

    private static func countChat(_ messages: [[String: JSONValue]], encoding: TiktokenEncoding, rule: ChatCountingRule) -> Int {
        var total = 0
        for message in messages {
            total += rule.tokensPerMessage
            for key in countedMessageKeys {
                guard let value = message[key] else { continue }
                if !isFalsy(value) { total += countText(of: value, encoding: encoding) }
                if key == "name" { total += rule.tokensPerName }
            }
        }
        return total + 3  // every reply is primed with <|start|>assistant<|message|>
    }

    /// The tokens of a string, or of any other value's JSON text.
    private static func countText(of value: JSONValue, encoding: TiktokenEncoding) -> Int {
        encoding.countTokens(value.stringValue ?? value.jsonText)
    }

    /// Whether JavaScript treats `value` as false (Langfuse skips such message values).
    private static func isFalsy(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false), .string(""): true
        case .number(let number): number == 0 || number.isNaN
        default: false
        }
    }
}
