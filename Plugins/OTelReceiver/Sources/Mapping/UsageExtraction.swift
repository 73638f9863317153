import LanternPluginSDK

/// Reads token usage and cost (contract §3.1 usageDetails / costDetails).
///
/// Cached and cache-creation input tokens are reported separately and subtracted from `input`; reasoning tokens
/// are subtracted from `output`, so that the parts add up to the total instead of counting tokens twice.
enum UsageExtraction {
    static func usage(_ attributes: SpanAttributes, scope: ScopeRecord) -> [String: Double]? {
        if let text = attributes.text("langfuse.observation.usage_details"), let object = BoundedJSON.parseObject(text) {
            return openAI(object) ?? withTotal(numbers(object))
        }
        if scope.name == "ai", let vercel = vercel(attributes) { return withTotal(vercel) }
        return withTotal(generic(attributes))
    }

    static func cost(_ attributes: SpanAttributes) -> [String: Double]? {
        if let text = attributes.text("langfuse.observation.cost_details"), let object = BoundedJSON.parseObject(text) {
            return withTotal(numbers(object))
        }
        for key in ["gen_ai.usage.cost", "llm.cost.total"] {
            if let value = attributes[key], value.isTruthy, let number = value.number, number >= 0 { return ["total": number] }
        }
        return nil
    }

    /// An OpenAI chat-completion or Responses usage object (its three counts present, as Langfuse requires) in
    /// Langfuse's keys: each `*_details` entry becomes `input_<key>` / `output_<key>` and is subtracted from input or
    /// output (never below zero); nil for any other object, whose keys are kept as sent.
    static func openAI(_ object: [String: JSONValue]) -> [String: Double]? {
        let shapes = [("prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details"),
                      ("input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details")]
        guard let total = object["total_tokens"]?.numberValue,
              let shape = shapes.first(where: { object[$0.0]?.numberValue != nil && object[$0.1]?.numberValue != nil }),
              var input = object[shape.0]?.numberValue, var output = object[shape.1]?.numberValue else { return nil }
        var usage: [String: Double] = ["total": total]
        for (key, value) in numbers(object[shape.2]?.objectValue ?? [:]) {
            usage["input_\(key)"] = value
            input = max(input - value, 0)
        }
        for (key, value) in numbers(object[shape.3]?.objectValue ?? [:]) {
            usage["output_\(key)"] = value
            output = max(output - value, 0)
        }
        usage["input"] = input
        usage["output"] = output
        return usage
    }

    // MARK: generic gen_ai.usage.* / llm.token_count.*

    private static let renamed: [String: String] = [
        "prompt_tokens": "input", "input_tokens": "input", "prompt": "input",
        "completion_tokens": "output", "output_tokens": "output", "completion": "output",
        "total_tokens": "total", "total": "total",
        "cache_read_input_tokens": "input_cached_tokens", "cache_read.input_tokens": "input_cached_tokens",
        "cache_read_tokens": "input_cached_tokens", "prompt_details.cache_read": "input_cached_tokens",
        "prompt_tokens_details.cached_tokens": "input_cached_tokens", "input_tokens_details.cached_tokens": "input_cached_tokens",
        "cache_creation_input_tokens": "input_cache_creation", "cache_creation.input_tokens": "input_cache_creation",
        "cache_write_tokens": "input_cache_creation", "prompt_details.cache_write": "input_cache_creation",
        "cache_creation.ephemeral_5m_input_tokens": "input_cache_creation_5m",
        "cache_creation.ephemeral_1h_input_tokens": "input_cache_creation_1h",
        "reasoning.output_tokens": "output_reasoning_tokens", "reasoning_tokens": "output_reasoning_tokens",
        "completion_details.reasoning": "output_reasoning_tokens", "output_tokens_details.reasoning_tokens": "output_reasoning_tokens",
        "completion_tokens_details.reasoning_tokens": "output_reasoning_tokens",
        "completion_details.audio": "output_audio_tokens",
    ]

    static func generic(_ attributes: SpanAttributes) -> [String: Double] {
        var usage: [String: Double] = [:]
        let entries = attributes.values.keys.sorted().compactMap { key -> (String, String)? in
            if key.hasPrefix("gen_ai.usage."), key != "gen_ai.usage.cost" { return (key, String(key.dropFirst("gen_ai.usage.".count))) }
            if key.hasPrefix("llm.token_count.") { return (key, String(key.dropFirst("llm.token_count.".count))) }
            return nil
        }
        for (key, name) in entries where !name.isEmpty {
            guard let number = attributes[key]?.number, number >= 0 else { continue }
            let mapped = renamed[name] ?? name
            if usage[mapped] == nil { usage[mapped] = number }
        }
        return subtractingDetails(usage)
    }

    /// Subtracts cache reads/writes from `input` and reasoning from `output` (never below zero).
    ///
    /// Anthropic reports cache creation both as one figure and split by lifetime (5 minutes, 1 hour); when the
    /// split is present the single figure is dropped, so the same tokens are neither counted nor subtracted twice.
    static func subtractingDetails(_ details: [String: Double]) -> [String: Double] {
        var usage = details
        if usage["input_cache_creation_5m"] != nil || usage["input_cache_creation_1h"] != nil {
            usage["input_cache_creation"] = nil
        }
        if let input = usage["input"] {
            let cached = ["input_cached_tokens", "input_cache_creation", "input_cache_read", "input_cache_creation_5m", "input_cache_creation_1h"]
                .reduce(0.0) { $0 + (usage[$1] ?? 0) }
            usage["input"] = max(input - cached, 0)
        }
        if let output = usage["output"], let reasoning = usage["output_reasoning_tokens"] {
            usage["output"] = max(output - reasoning, 0)
        }
        return usage
    }

    // MARK: Vercel AI SDK

    private static func vercel(_ attributes: SpanAttributes) -> [String: Double]? {
        var usage: [String: Double] = [:]
        usage["input"] = (attributes["gen_ai.usage.prompt_tokens"] ?? attributes["gen_ai.usage.input_tokens"])?.number
        usage["output"] = (attributes["gen_ai.usage.completion_tokens"] ?? attributes["gen_ai.usage.output_tokens"])?.number
        usage["total"] = attributes["ai.usage.tokens"]?.number
        usage["input_cached_tokens"] = attributes["ai.usage.cachedInputTokens"]?.number
        usage["output_reasoning_tokens"] = attributes["ai.usage.reasoningTokens"]?.number
        if let text = attributes.text("ai.response.providerMetadata"), let provider = BoundedJSON.parseObject(text) {
            if let openai = provider["openai"]?.objectValue {
                usage["input_cached_tokens"] = usage["input_cached_tokens"] ?? openai["cachedPromptTokens"]?.numberValue
                usage["accepted_prediction_tokens"] = usage["accepted_prediction_tokens"] ?? openai["acceptedPredictionTokens"]?.numberValue
                usage["rejected_prediction_tokens"] = usage["rejected_prediction_tokens"] ?? openai["rejectedPredictionTokens"]?.numberValue
                usage["output_reasoning_tokens"] = usage["output_reasoning_tokens"] ?? openai["reasoningTokens"]?.numberValue
            }
            if let anthropic = provider["anthropic"]?.objectValue?["usage"]?.objectValue {
                usage["input_cache_creation"] = usage["input_cache_creation"] ?? anthropic["cache_creation_input_tokens"]?.numberValue
                usage["input_cached_tokens"] = usage["input_cached_tokens"] ?? anthropic["cache_read_input_tokens"]?.numberValue
                if let split = anthropic["cache_creation"]?.objectValue {
                    usage["input_cache_creation_5m"] = split["ephemeral_5m_input_tokens"]?.numberValue
                    usage["input_cache_creation_1h"] = split["ephemeral_1h_input_tokens"]?.numberValue
                }
            }
            if let bedrock = provider["bedrock"]?.objectValue?["usage"]?.objectValue {
                usage["input_cache_read"] = usage["input_cache_read"] ?? bedrock["cacheReadInputTokens"]?.numberValue
                usage["input_cache_write"] = usage["input_cache_write"] ?? bedrock["cacheWriteInputTokens"]?.numberValue
                usage["input_cache_creation"] = usage["input_cache_creation"] ?? bedrock["cacheCreationInputTokens"]?.numberValue
            }
        }
        let present = usage.filter { $0.value.isFinite && $0.value >= 0 }
        return present.isEmpty ? nil : subtractingDetails(present)
    }

    // MARK: helpers

    /// The non-negative finite numbers of a JSON object (numeric strings included); other values are dropped.
    static func numbers(_ object: [String: JSONValue]) -> [String: Double] {
        var result: [String: Double] = [:]
        for (key, value) in object {
            let number: Double? = switch value {
            case .number(let n): n
            case .string(let text): Double(text)
            default: nil
            }
            if let number, number.isFinite, number >= 0 { result[key] = number }
        }
        return result
    }

    /// Adds `total` as the sum of the other entries when missing; nil when empty.
    static func withTotal(_ details: [String: Double]) -> [String: Double]? {
        guard !details.isEmpty else { return nil }
        var result = details
        if result["total"] == nil { result["total"] = details.values.reduce(0, +) }
        return result
    }
}
