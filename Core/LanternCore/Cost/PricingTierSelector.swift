import LanternPluginSDK

/// Chooses the pricing tier of a generation, as Langfuse's `matchPricingTier` does.
///
/// Tiers that are not the default are tried in ascending priority; the first whose conditions all hold wins
/// (a non-default tier without conditions never matches). Otherwise the default tier applies; nil when there is
/// none.
enum PricingTierSelector {
    /// The tier for a generation with these usage counts, model parameters and metadata.
    static func select(from tiers: [PricingTier], usage: [String: Double],
                       modelParameters: [String: JSONValue], metadata: [String: JSONValue]) -> PricingTier? {
        let conditional = tiers.filter { !$0.isDefault }.sorted { $0.priority < $1.priority }
        for tier in conditional where !tier.conditions.isEmpty {
            let allHold = tier.conditions.allSatisfy {
                holds($0, usage: usage, modelParameters: modelParameters, metadata: metadata)
            }
            if allHold { return tier }
        }
        return tiers.first(where: \.isDefault)
    }

    /// Whether one condition holds.
    static func holds(_ condition: PricingCondition, usage: [String: Double],
                      modelParameters: [String: JSONValue], metadata: [String: JSONValue]) -> Bool {
        switch condition {
        case .usage(let pattern, let comparison, let value, let caseSensitive):
            let compiled = PatternCache.shared.pattern(pattern, caseSensitive: caseSensitive)
            guard compiled.isValid else { return false }
            let sum = usage.reduce(0.0) { total, entry in compiled.matches(entry.key) ? total + entry.value : total }
            return compare(sum, comparison, value)
        case .attribute(let source, let key, let values):
            let attributes = source == .modelParameters ? modelParameters : metadata
            guard let text = attributeText(attributes[key]) else { return false }
            return values.contains(text)
        @unknown default:
            return false  // a condition kind this kernel does not know never matches
        }
    }

    /// `sum <comparison> value`.
    private static func compare(_ sum: Double, _ comparison: PricingCondition.Comparison, _ value: Double) -> Bool {
        switch comparison {
        case .gt: sum > value
        case .gte: sum >= value
        case .lt: sum < value
        case .lte: sum <= value
        case .eq: sum == value
        case .neq: sum != value
        @unknown default: false
        }
    }

    /// An attribute as the text Langfuse compares: a string as it is, a number or boolean as JSON writes it;
    /// nil for null, arrays and objects, which never match.
    private static func attributeText(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .number?, .bool?: value?.jsonText
        default: nil
        }
    }
}
