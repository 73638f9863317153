import LanternPluginSDK

/// Turns a usage object as a client sends it in `usageDetails` into usage counts by Langfuse usage type (contract §7).
///
/// Langfuse's ingestion schema (`UsageDetails` in `packages/shared/src/server/ingestion/types.ts`) accepts three
/// shapes, and so does this:
/// - OpenAI Chat Completions usage: `prompt_tokens` → `input`, `completion_tokens` → `output`, `total_tokens` →
///   `total`; each `prompt_tokens_details.<k>` becomes `input_<k>` and each `completion_tokens_details.<k>`
///   becomes `output_<k>`, subtracted from `input` / `output` (never below zero).
/// - OpenAI Responses usage: `input_tokens`, `output_tokens`, `total_tokens` with `input_tokens_details` and
///   `output_tokens_details`, converted by the same rule.
/// - Any other object: its keys kept as they are. Anthropic's Messages usage (`input_tokens`, `output_tokens`,
///   `cache_read_input_tokens`, `cache_creation_input_tokens`, no `total_tokens`) is such an object: Anthropic's
///   `input_tokens` already excludes cache reads and writes, so nothing is subtracted, and the built-in price
///   table prices these key names directly. Its nested `cache_creation` split (Langfuse rejects nested objects)
///   becomes `input_cache_creation_5m` / `input_cache_creation_1h` and replaces `cache_creation_input_tokens`,
///   so the one-hour cache writes are priced at their own rate and no tokens are counted twice.
///
/// Values that are not finite non-negative numbers are dropped (strings and nested objects too), where Langfuse's
/// ingestion API rejects the whole event. Fractions are kept, as Langfuse's newer write path keeps them
/// (`normalizeUsage`): `SECONDS` or `MILLISECONDS` usage can be fractional. Keys a shape does not know are kept.
enum UsageNormaliser {
    /// The usage counts of a `usageDetails` object, with `total` added as the sum of all counts when absent.
    static func normalise(_ raw: [String: JSONValue]) -> [String: Double] {
        withTotal(convert(raw))
    }

    /// The usage counts of a `usageDetails` object, without adding a `total`.
    static func convert(_ raw: [String: JSONValue]) -> [String: Double] {
        if raw["prompt_tokens"] != nil || raw["completion_tokens"] != nil {
            return chatCompletions(raw)
        }
        if isResponses(raw) { return responses(raw) }
        if anthropicKeys.contains(where: { raw[$0] != nil }) { return anthropic(raw) }
        return plain(raw)
    }

    /// `usage` with `total` set to the sum of all its counts when it has none (as Langfuse's `getUsageUnits`).
    static func withTotal(_ usage: [String: Double]) -> [String: Double] {
        guard !usage.isEmpty, usage["total"] == nil else { return usage }
        var result = usage
        result["total"] = usage.values.reduce(0, +)
        return result
    }

    /// A usage count: a finite non-negative number, nil for anything else.
    static func count(_ value: JSONValue?) -> Double? {
        guard case .number(let number)? = value, number.isFinite, number >= 0 else { return nil }
        return number
    }

    // MARK: shapes

    /// Keys of Anthropic's Messages usage.
    private static let anthropicKeys = ["input_tokens", "output_tokens", "cache_read_input_tokens",
                                        "cache_creation_input_tokens", "cache_creation"]

    /// Responses usage has `input_tokens`/`output_tokens` plus `total_tokens` or a details object, and none of
    /// Anthropic's cache keys (Langfuse's schema is strict, so Anthropic's keys make it raw usage).
    private static func isResponses(_ raw: [String: JSONValue]) -> Bool {
        guard raw["input_tokens"] != nil || raw["output_tokens"] != nil else { return false }
        let cacheKeys = ["cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation"]
        guard !cacheKeys.contains(where: { raw[$0] != nil }) else { return false }
        return raw["total_tokens"] != nil || raw["input_tokens_details"] != nil || raw["output_tokens_details"] != nil
    }

    private static func chatCompletions(_ raw: [String: JSONValue]) -> [String: Double] {
        split(raw, input: "prompt_tokens", output: "completion_tokens",
              inputDetails: "prompt_tokens_details", outputDetails: "completion_tokens_details")
    }

    private static func responses(_ raw: [String: JSONValue]) -> [String: Double] {
        split(raw, input: "input_tokens", output: "output_tokens",
              inputDetails: "input_tokens_details", outputDetails: "output_tokens_details")
    }

    /// Anthropic usage: kept as it is, but for its nested cache-creation split by lifetime.
    private static func anthropic(_ raw: [String: JSONValue]) -> [String: Double] {
        var usage = plain(raw)
        let split = raw["cache_creation"]?.objectValue ?? [:]
        let fiveMinutes = count(split["ephemeral_5m_input_tokens"])
        let oneHour = count(split["ephemeral_1h_input_tokens"])
        if fiveMinutes != nil || oneHour != nil {
            usage["input_cache_creation_5m"] = fiveMinutes
            usage["input_cache_creation_1h"] = oneHour
            usage["cache_creation_input_tokens"] = nil
        }
        return usage
    }

    /// Every member that is a usage count, under its own key.
    private static func plain(_ raw: [String: JSONValue]) -> [String: Double] {
        raw.compactMapValues { count($0) }
    }

    /// The OpenAI rule: input, output and total renamed; details prefixed and subtracted from their parent.
    private static func split(_ raw: [String: JSONValue], input: String, output: String,
                              inputDetails: String, outputDetails: String) -> [String: Double] {
        let converted: Set<String> = [input, output, "total_tokens", inputDetails, outputDetails]
        var usage = plain(raw.filter { !converted.contains($0.key) })
        usage["input"] = count(raw[input])
        usage["output"] = count(raw[output])
        usage["total"] = count(raw["total_tokens"])
        for (parent, details) in [("input", inputDetails), ("output", outputDetails)] {
            for (key, value) in raw[details]?.objectValue ?? [:] {
                guard let detail = count(value) else { continue }
                usage["\(parent)_\(key)"] = detail
                if let whole = usage[parent] { usage[parent] = max(whole - detail, 0) }
            }
        }
        return usage
    }
}
