import LanternPluginSDK

/// Reads a generation's usage and cost: `usageDetails`/`costDetails`, and the legacy `usage` object
/// (`input/output/total` with `inputCost/outputCost/totalCost`, or OpenAI's `promptTokens/completionTokens/totalTokens`).
enum UsageReader {
    static func read(_ reader: inout BodyReader, into update: inout ObservationUpdate) {
        var usage = reader.numberMap("usageDetails") ?? [:]
        var cost = reader.numberMap("costDetails") ?? [:]
        if case .object(let legacy)? = reader.any("usage") {
            let names = [("input", "input"), ("output", "output"), ("total", "total"),
                         ("promptTokens", "input"), ("completionTokens", "output"), ("totalTokens", "total")]
            for (field, key) in names { if case .number(let n)? = legacy[field], usage[key] == nil { usage[key] = n } }
            for (field, key) in [("inputCost", "input"), ("outputCost", "output"), ("totalCost", "total")] {
                if case .number(let n)? = legacy[field], cost[key] == nil { cost[key] = n }
            }
        } else if reader.any("usage") != nil {
            reader.fail("usage", "expected an object")
        }
        if let negative = usage.first(where: { $0.value < 0 }) { reader.fail("usageDetails", "\(negative.key) must not be negative") }
        if let negative = cost.first(where: { $0.value < 0 }) { reader.fail("costDetails", "\(negative.key) must not be negative") }
        update.usageDetails = withTotal(usage)
        update.costDetails = withTotal(cost)
    }

    /// Adds `total` as the sum of the other entries when it is missing.
    static func withTotal(_ details: [String: Double]) -> [String: Double]? {
        guard !details.isEmpty else { return nil }
        var result = details
        if result["total"] == nil { result["total"] = details.values.reduce(0, +) }
        return result
    }
}
