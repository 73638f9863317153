import LanternPluginSDK

/// The per-message token counts of a chat model's tokenizer config (`tokensPerMessage`, `tokensPerName`).
struct ChatCountingRule {
    /// Tokens every message adds around its content.
    let tokensPerMessage: Int
    /// Tokens a message's `name` adds (negative for models that drop the role when a name is given).
    let tokensPerName: Int

    /// The rule of `config`; nil unless both counts are whole numbers of at most a million in size.
    init?(config: JSONValue?) {
        guard let members = config?.objectValue,
              let perMessage = Self.count(members["tokensPerMessage"]),
              let perName = Self.count(members["tokensPerName"])
        else { return nil }
        tokensPerMessage = perMessage
        tokensPerName = perName
    }

    private static func count(_ value: JSONValue?) -> Int? {
        guard let number = value?.numberValue, abs(number) <= 1_000_000 else { return nil }
        return Int(exactly: number)
    }
}
