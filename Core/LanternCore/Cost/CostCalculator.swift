import Foundation
import LanternPluginSDK

/// A generation's usage and cost after cost calculation, with the model definition and tier that priced it.
struct CostResult: Sendable, Hashable {
    /// Usage counts by usage type, with `total` (the sum of all counts when none was stated).
    var usageDetails: [String: Double]
    /// Costs in USD by usage type, with `total` when there is one; empty when nothing could be priced.
    var costDetails: [String: Double]
    /// The matched model definition's id, nil when no definition matched.
    var matchedModelID: String?
    /// The id of the pricing tier chosen for the matched definition.
    var pricingTierID: String?
    /// The name of that tier (`Standard`, `Large Context`, …), stored with the generation as Langfuse does.
    var pricingTierName: String?
}

/// Computes a generation's costs from its usage and its model definition (contract §7), as Langfuse's
/// `IngestionService.calculateUsageCosts` does.
///
/// - Costs the client states are authoritative: they are kept as stated and nothing is calculated. Their `total`
///   is the stated total, else `input + output` when only those were stated, else absent.
/// - Otherwise each usage type that the chosen tier prices costs `price × count`. The `total` cost is the priced
///   `total` usage when the tier prices `total`, else the sum of the other costs.
/// - With no usage, no stated cost or no price for any usage type, there is no cost.
///
/// The tier is chosen (``PricingTierSelector``) whenever a definition matched, even when costs were stated.
/// Calculated costs are rounded to 12 decimal places, the precision Langfuse stores costs with (`Decimal64(12)`),
/// so that `2.5e-06 × 1000` is `0.0025` and not its binary neighbour.
enum CostCalculator {
    /// The usage, cost, model and tier of a generation.
    /// - Parameters:
    ///   - usage: usage counts by usage type (see ``ProvidedUsage``); invalid counts are ignored.
    ///   - providedCost: costs the client stated, by usage type; invalid amounts are ignored.
    ///   - model: the generation's model definition (``ModelMatcher``), nil when none matched.
    ///   - modelParameters: the generation's model parameters, for attribute conditions of tiers.
    ///   - metadata: the generation's metadata, for attribute conditions of tiers.
    static func calculate(usage: [String: Double], providedCost: [String: Double], model: ModelDefinition?,
                          modelParameters: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) -> CostResult {
        let counts = UsageNormaliser.withTotal(usage.filter { $0.value.isFinite && $0.value >= 0 })
        let tier = model.flatMap {
            PricingTierSelector.select(from: $0.pricingTiers, usage: counts, modelParameters: modelParameters, metadata: metadata)
        }
        let stated = providedCost.filter { $0.value.isFinite && $0.value >= 0 }
        let costs = stated.isEmpty ? calculated(counts, prices: tier?.prices ?? [:]) : withStatedTotal(stated)
        return CostResult(usageDetails: counts, costDetails: costs, matchedModelID: model?.id,
                          pricingTierID: tier?.id, pricingTierName: tier?.name)
    }

    /// Stated costs with their total: the stated one, else `input + output` when only those were stated.
    private static func withStatedTotal(_ stated: [String: Double]) -> [String: Double] {
        guard stated["total"] == nil, stated.keys.allSatisfy({ $0 == "input" || $0 == "output" }) else { return stated }
        var costs = stated
        costs["total"] = (stated["input"] ?? 0) + (stated["output"] ?? 0)
        return costs
    }

    /// `price × count` for every usage type with a price, and their total (amounts too large for a Double are
    /// left out).
    private static func calculated(_ counts: [String: Double], prices: [String: Double]) -> [String: Double] {
        var costs: [String: Double] = [:]
        for (usageType, count) in counts {
            guard let price = prices[usageType] else { continue }
            let cost = rounded(price * count)
            if cost.isFinite { costs[usageType] = cost }
        }
        guard !costs.isEmpty, costs["total"] == nil else { return costs }
        let total = rounded(costs.values.reduce(0, +))
        if total.isFinite { costs["total"] = total }
        return costs
    }

    /// `amount` rounded to 12 decimal places (unchanged when it is too large to scale).
    private static func rounded(_ amount: Double) -> Double {
        let scaled = amount * 1e12
        return scaled.isFinite ? scaled.rounded() / 1e12 : amount
    }
}
