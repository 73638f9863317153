import LanternPluginSDK

/// Makes ``LLMJudgeRunner`` components (`type: llm-judge`). Package-visible for the plugin's entry target.
package struct LLMJudgeFactory: ComponentFactory {
    package init() {}

    /// The `max_tokens` of a judgment whose model parameters set none: room for a few sentences of reasoning and the
    /// score, small enough that a runaway answer costs little.
    static let defaultMaxOutputTokens = 1024
    /// Below 16 tokens not even the JSON object fits; 32768 is the largest output current chat models accept.
    static let maxOutputTokensRange = 16...32768

    package var type: String { "llm-judge" }
    package var kind: ComponentKind { .judge }
    package var summary: String { "Runs llm_as_judge evaluators against OpenAI, Azure OpenAI, Anthropic and OpenAI-compatible APIs" }
    package var settings: [SettingSpec] {
        [SettingSpec("maxOutputTokens", .integer, help: "max_tokens of a judgment whose model parameters set none, "
            + "\(Self.maxOutputTokensRange.lowerBound) to \(Self.maxOutputTokensRange.upperBound) (default \(Self.defaultMaxOutputTokens))")]
    }

    package func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        guard settings.values["maxOutputTokens"] != nil else { return [] }
        guard let value = settings.integer("maxOutputTokens") else {
            return [SettingsIssue(key: "maxOutputTokens", "must be a whole number of tokens")]
        }
        guard Self.maxOutputTokensRange.contains(value) else {
            return [SettingsIssue(key: "maxOutputTokens", "must be between \(Self.maxOutputTokensRange.lowerBound) and "
                + "\(Self.maxOutputTokensRange.upperBound) (got \(value))")]
        }
        return []
    }

    package func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        let requested = settings.integer("maxOutputTokens") ?? Self.defaultMaxOutputTokens
        // Clamped as well as validated: `make` must not trust that the kernel ran `validate` first.
        let range = Self.maxOutputTokensRange
        return LLMJudgeRunner(maxOutputTokens: min(max(requested, range.lowerBound), range.upperBound))
    }
}
