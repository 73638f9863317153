import LanternPluginSDK

/// Picks the wire format of a connection's adapter.
enum ProviderAdapters {
    /// The adapter speaking `connection.adapter`; throws ``JudgeFailure/Kind/unsupported`` for any other.
    static func adapter(for connection: JudgeConnection) throws(JudgeFailure) -> any ProviderAdapter {
        switch connection.adapter.trimmingCharacters(in: .whitespaces).lowercased() {
        case "openai": return OpenAIAdapter()
        case "azure": return AzureAdapter()
        case "anthropic": return AnthropicAdapter()
        default:
            throw JudgeFailure(kind: .unsupported, message: "the llm-judge plugin does not speak the \(connection.adapter) adapter yet; "
                + "use openai, azure or anthropic")
        }
    }
}
