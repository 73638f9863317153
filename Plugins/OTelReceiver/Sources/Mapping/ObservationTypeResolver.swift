import LanternPluginSDK

/// Decides a span's observation type (contract §3.2, first rule that matches wins; default SPAN).
enum ObservationTypeResolver {
    /// Attributes whose presence marks a model call (rule 10).
    static let modelKeys = ["langfuse.observation.model.name", "gen_ai.request.model", "gen_ai.response.model", "llm.model_name", "model"]

    static func resolve(_ attributes: SpanAttributes, scope: ScopeRecord, spanName: String) -> ObservationType {
        let explicit = attributes.text("langfuse.observation.type")?.lowercased()

        // 0. Langfuse Python SDK ≤ 3.3 sent generations as type "span" with generation attributes.
        if scope.name.hasPrefix("langfuse-sdk"), explicit == "span", isOldPythonSDK(scope.version),
           attributes.has("langfuse.observation.model.name") || attributes.has("langfuse.observation.usage_details")
            || attributes.has("langfuse.observation.cost_details") || attributes.has("langfuse.observation.model.parameters") {
            return .generation
        }
        // 1. Explicit Langfuse type.
        if let explicit, let type = langfuseTypes[explicit] { return type }
        // 2. OpenInference span kind.
        if let kind = attributes.text("openinference.span.kind")?.uppercased(), let type = openInferenceKinds[kind] { return type }
        // 3. OpenTelemetry GenAI operation name.
        if let operation = attributes.text("gen_ai.operation.name")?.lowercased(), let type = genAIOperations[operation] { return type }
        // 4. Genkit subtype.
        if let subtype = attributes.text("genkit:metadata:subtype")?.lowercased(), let type = genkitSubtypes[subtype] { return type }
        // 5–6. Vercel AI SDK operation ids.
        if let operation = attributes.firstText(["ai.operationId", "operation.name"]) {
            let hasModel = attributes.has("ai.model.id") || attributes.has("gen_ai.request.model") || attributes.has("gen_ai.response.model")
            if (operation.hasSuffix(".doGenerate") || operation.hasSuffix(".doStream")) && hasModel { return .generation }
            if operation.hasSuffix(".doEmbed") { return .embedding }
            if operation == "ai.toolCall" || operation.hasPrefix("ai.toolCall ") { return .tool }
        }
        // 7. GenAI tool attributes.
        if attributes.has("gen_ai.tool.name") || attributes.has("gen_ai.tool.call.id") { return .tool }
        // 8. Flue (`@flue/opentelemetry`) span names.
        if scope.name == "@flue/opentelemetry", let type = flueSpanType(spanName) { return type }
        // 9. LiveKit Agents span names.
        if scope.name == "livekit-agents", let type = liveKitSpanNames[spanName] { return type }
        // 10. Any model attribute.
        if modelKeys.contains(where: { attributes.first([$0]) != nil }) { return .generation }
        return .span
    }

    private static let langfuseTypes: [String: ObservationType] = [
        "span": .span, "generation": .generation, "event": .event, "embedding": .embedding, "agent": .agent,
        "tool": .tool, "chain": .chain, "retriever": .retriever, "guardrail": .guardrail, "evaluator": .evaluator,
    ]

    private static let openInferenceKinds: [String: ObservationType] = [
        "CHAIN": .chain, "RETRIEVER": .retriever, "LLM": .generation, "EMBEDDING": .embedding, "AGENT": .agent,
        "TOOL": .tool, "GUARDRAIL": .guardrail, "EVALUATOR": .evaluator,
    ]

    private static let genAIOperations: [String: ObservationType] = [
        "chat": .generation, "completion": .generation, "text_completion": .generation, "generate_content": .generation,
        "generate": .generation, "embeddings": .embedding, "invoke_agent": .agent, "create_agent": .agent, "execute_tool": .tool,
    ]

    /// LiveKit Agents: agent turns and activities are agents, function tools are tools.
    private static let liveKitSpanNames: [String: ObservationType] = [
        "agent_turn": .agent, "start_agent_activity": .agent, "function_tool": .tool,
    ]

    /// Flue names its spans `<kind>` or `<kind> <name>` (`workflow`, `agent`, `operation`, `turn`, `tool`, `task`):
    /// workflows, agents and delegated tasks are agents, turns are model calls, tools are tools.
    private static func flueSpanType(_ spanName: String) -> ObservationType? {
        let kind = spanName.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        switch kind {
        case "workflow", "agent", "task", "invoke_agent": return .agent
        case "turn", "chat", "model": return .generation
        case "tool", "execute_tool": return .tool
        default: return nil
        }
    }

    private static let genkitSubtypes: [String: ObservationType] = [
        "model": .generation, "background-model": .generation, "embedder": .embedding, "tool": .tool,
        "retriever": .retriever, "evaluator": .evaluator,
    ]

    /// Whether a `langfuse-sdk` scope version is 3.3 or older (or unknown and 2.x).
    private static func isOldPythonSDK(_ version: String) -> Bool {
        let parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
        guard let major = parts.first ?? nil else { return false }
        if major < 3 { return true }
        if major > 3 { return false }
        let minor = parts.count > 1 ? (parts[1] ?? 0) : 0
        return minor <= 3
    }
}
