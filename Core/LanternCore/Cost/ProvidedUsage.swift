import LanternPluginSDK

/// The usage and cost one generation event states, merged as Langfuse's ingestion merges them.
///
/// The legacy `usage` object is read first: either OpenAI's `promptTokens`/`completionTokens`/`totalTokens`
/// (then its other members are ignored, as Langfuse's `usage` transform does) or `input`/`output`/`total`
/// with `inputCost`/`outputCost`/`totalCost`. `usageDetails` (see ``UsageNormaliser``) and `costDetails`
/// entries then override it key by key. Usage gets a `total` (the sum of its counts) when it has none; costs are
/// left as stated, since ``CostCalculator`` decides their total.
struct ProvidedUsage: Sendable, Hashable {
    /// Usage counts by usage type, empty when none was stated.
    var usageDetails: [String: Double]
    /// Costs in USD by usage type as stated by the client, empty when none was.
    var costDetails: [String: Double]

    /// Reads the event body's `usageDetails`, `costDetails` and legacy `usage` objects (each nil when absent).
    init(usageDetails: [String: JSONValue]?, costDetails: [String: JSONValue]?, legacyUsage: [String: JSONValue]?) {
        var usage: [String: Double] = [:]
        var cost: [String: Double] = [:]
        if let legacyUsage {
            (usage, cost) = Self.legacy(legacyUsage)
        }
        usage.merge(UsageNormaliser.convert(usageDetails ?? [:])) { _, stated in stated }
        cost.merge((costDetails ?? [:]).compactMapValues { UsageNormaliser.count($0) }) { _, stated in stated }
        self.usageDetails = UsageNormaliser.withTotal(usage)
        self.costDetails = cost
    }

    /// The usage and cost of a legacy `usage` object.
    private static func legacy(_ raw: [String: JSONValue]) -> (usage: [String: Double], cost: [String: Double]) {
        let openAINames = [("promptTokens", "input"), ("completionTokens", "output"), ("totalTokens", "total")]
        if openAINames.contains(where: { raw[$0.0] != nil }) {
            return (pick(openAINames, from: raw), [:])
        }
        let usage = pick([("input", "input"), ("output", "output"), ("total", "total")], from: raw)
        let cost = pick([("inputCost", "input"), ("outputCost", "output"), ("totalCost", "total")], from: raw)
        return (usage, cost)
    }

    /// The counts of the named members, renamed.
    private static func pick(_ names: [(field: String, key: String)], from raw: [String: JSONValue]) -> [String: Double] {
        var result: [String: Double] = [:]
        for (field, key) in names {
            if let value = UsageNormaliser.count(raw[field]) { result[key] = value }
        }
        return result
    }
}
