import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Costs of real models from Langfuse's price table, computed by hand (contract §7).
@Suite("Cost: calculation")
struct CostCalculationTests {
    /// Normalises `usage` as ingestion does, then prices it with `model`.
    private func cost(_ model: String, usage: [String: JSONValue], providedCost: [String: Double] = [:],
                      modelParameters: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) throws -> CostResult {
        let provided = ProvidedUsage(usageDetails: usage, costDetails: nil, legacyUsage: nil)
        return CostCalculator.calculate(usage: provided.usageDetails, providedCost: providedCost,
                                        model: try CostReferenceExcerpt.definition(model),
                                        modelParameters: modelParameters, metadata: metadata)
    }

    /// OpenAI chat usage: 1000 prompt tokens of which 400 cached, 500 completion tokens.
    private let chatUsage: [String: JSONValue] = [
        "prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
        "prompt_tokens_details": ["cached_tokens": 400], "completion_tokens_details": ["reasoning_tokens": 0],
    ]

    @Test func gpt4oWithCachedInputTokens() throws {
        let result = try cost("gpt-4o", usage: chatUsage)
        #expect(result.usageDetails == ["input": 600, "input_cached_tokens": 400, "output": 500,
                                        "output_reasoning_tokens": 0, "total": 1500])
        // input 600 × 2.5e-6 = 0.0015; cached 400 × 1.25e-6 = 0.0005; output 500 × 1e-5 = 0.005;
        // output_reasoning_tokens has no gpt-4o price; total 0.0015 + 0.0005 + 0.005 = 0.007
        #expect(result.costDetails == ["input": 0.0015, "input_cached_tokens": 0.0005, "output": 0.005, "total": 0.007])
        #expect(result.matchedModelID == "b9854a5c92dc496b997d99d20")
        #expect(result.pricingTierName == "Standard" && result.pricingTierID == "b9854a5c92dc496b997d99d20_tier_default")
    }

    @Test func gpt4oPriorityServiceTierUsesTheFastModeTier() throws {
        let result = try cost("gpt-4o", usage: chatUsage, modelParameters: ["service_tier": "priority", "temperature": 0.2])
        #expect(result.pricingTierName == "Fast mode")
        // input 600 × 4.25e-6 = 0.00255; cached 400 × 2.125e-6 = 0.00085; output 500 × 1.7e-5 = 0.0085;
        // total 0.00255 + 0.00085 + 0.0085 = 0.0119
        #expect(result.costDetails == ["input": 0.00255, "input_cached_tokens": 0.00085, "output": 0.0085, "total": 0.0119])
        #expect(try cost("gpt-4o", usage: chatUsage, modelParameters: ["service_tier": "flex"]).pricingTierName == "Standard",
                "gpt-4o has no flex tier")
        #expect(try cost("gpt-4o", usage: chatUsage, metadata: ["service_tier": "priority"]).pricingTierName == "Standard",
                "the condition reads model parameters, not metadata")
    }

    @Test func o3WithReasoningTokensFromResponsesUsage() throws {
        let usage: [String: JSONValue] = [
            "input_tokens": 2000, "input_tokens_details": ["cached_tokens": 500],
            "output_tokens": 3000, "output_tokens_details": ["reasoning_tokens": 2500], "total_tokens": 5000,
        ]
        let standard = try cost("o3", usage: usage)
        #expect(standard.usageDetails == ["input": 1500, "input_cached_tokens": 500, "output": 500,
                                          "output_reasoning_tokens": 2500, "total": 5000])
        // input 1500 × 2e-6 = 0.003; cached 500 × 5e-7 = 0.00025; output 500 × 8e-6 = 0.004;
        // reasoning 2500 × 8e-6 = 0.02; total 0.003 + 0.00025 + 0.004 + 0.02 = 0.02725
        #expect(standard.costDetails == ["input": 0.003, "input_cached_tokens": 0.00025, "output": 0.004,
                                         "output_reasoning_tokens": 0.02, "total": 0.02725])
        let flex = try cost("o3", usage: usage, modelParameters: ["service_tier": "flex"])
        #expect(flex.pricingTierName == "Flex")
        // 1500 × 1e-6 = 0.0015; 500 × 2.5e-7 = 0.000125; 500 × 4e-6 = 0.002; 2500 × 4e-6 = 0.01; total 0.013625
        #expect(flex.costDetails == ["input": 0.0015, "input_cached_tokens": 0.000125, "output": 0.002,
                                     "output_reasoning_tokens": 0.01, "total": 0.013625])
    }

    @Test func o1WithReasoningTokensFromChatUsage() throws {
        let result = try cost("o1", usage: ["prompt_tokens": 100, "completion_tokens": 1100, "total_tokens": 1200,
                                            "completion_tokens_details": ["reasoning_tokens": 1000]])
        #expect(result.usageDetails == ["input": 100, "output": 100, "output_reasoning_tokens": 1000, "total": 1200])
        // input 100 × 1.5e-5 = 0.0015; output 100 × 6e-5 = 0.006; reasoning 1000 × 6e-5 = 0.06; total 0.0675
        #expect(result.costDetails == ["input": 0.0015, "output": 0.006, "output_reasoning_tokens": 0.06, "total": 0.0675])
    }

    @Test func claudeSonnet4WithCacheReadAndCacheCreation() throws {
        let result = try cost("claude-sonnet-4-20250514", usage: [
            "input_tokens": 50, "output_tokens": 400, "cache_read_input_tokens": 10_000, "cache_creation_input_tokens": 2000,
        ])
        // input_tokens 50 × 3e-6 = 0.00015; output_tokens 400 × 1.5e-5 = 0.006;
        // cache_read_input_tokens 10000 × 3e-7 = 0.003; cache_creation_input_tokens 2000 × 3.75e-6 = 0.0075;
        // total 0.00015 + 0.006 + 0.003 + 0.0075 = 0.01665 (the usage total, 12450, has no price)
        #expect(result.costDetails == ["input_tokens": 0.00015, "output_tokens": 0.006, "cache_read_input_tokens": 0.003,
                                       "cache_creation_input_tokens": 0.0075, "total": 0.01665])
        let split = try cost("claude-sonnet-4-20250514", usage: [
            "input_tokens": 50, "output_tokens": 400, "cache_read_input_tokens": 10_000, "cache_creation_input_tokens": 2000,
            "cache_creation": ["ephemeral_5m_input_tokens": 500, "ephemeral_1h_input_tokens": 1500],
        ])
        // 5-minute writes 500 × 3.75e-6 = 0.001875; 1-hour writes 1500 × 6e-6 = 0.009;
        // total 0.00015 + 0.006 + 0.003 + 0.001875 + 0.009 = 0.020025
        #expect(split.costDetails == ["input_tokens": 0.00015, "output_tokens": 0.006, "cache_read_input_tokens": 0.003,
                                      "input_cache_creation_5m": 0.001875, "input_cache_creation_1h": 0.009, "total": 0.020025])
    }

    @Test func gemini25ProBelowAndAboveTheLargeContextThreshold() throws {
        let below = try cost("gemini-2.5-pro", usage: ["input": 150_000, "output": 1000])
        #expect(below.pricingTierName == "Standard")
        // input 150000 × 1.25e-6 = 0.1875; output 1000 × 1e-5 = 0.01; total 0.1975
        #expect(below.costDetails == ["input": 0.1875, "output": 0.01, "total": 0.1975])

        let above = try cost("gemini-2.5-pro", usage: ["input": 190_000, "input_cached_tokens": 20_000, "output": 1000])
        // keys matching (input|prompt|cached): input + input_cached_tokens = 210000 > 200000
        #expect(above.pricingTierName == "Large Context")
        // input 190000 × 2.5e-6 = 0.475; cached 20000 × 2.5e-7 = 0.005; output 1000 × 1.5e-5 = 0.015; total 0.495
        #expect(above.costDetails == ["input": 0.475, "input_cached_tokens": 0.005, "output": 0.015, "total": 0.495])

        let edge = try cost("gemini-2.5-pro", usage: ["input": 200_000, "total": 900_000])
        #expect(edge.pricingTierName == "Standard", "exactly 200000 is not greater; `total` does not match the pattern")
    }

    @Test func providedCostsAreAuthoritative() throws {
        let both = try cost("gpt-4o", usage: chatUsage, providedCost: ["input": 0.5, "output": 1])
        #expect(both.costDetails == ["input": 0.5, "output": 1, "total": 1.5], "input + output when only those were given")
        #expect(both.pricingTierName == "Standard" && both.matchedModelID != nil, "the model and tier are still recorded")
        #expect(try cost("gpt-4o", usage: chatUsage, providedCost: ["total": 2]).costDetails == ["total": 2])
        #expect(try cost("gpt-4o", usage: chatUsage, providedCost: ["input": 1, "total": 1]).costDetails == ["input": 1, "total": 1],
                "a stated total is kept as stated")
        #expect(try cost("gpt-4o", usage: chatUsage, providedCost: ["input": 1, "input_cached_tokens": 0.2]).costDetails
            == ["input": 1, "input_cached_tokens": 0.2], "other keys stated: Langfuse adds no total")
        #expect(try cost("gpt-4o", usage: chatUsage, providedCost: ["input": -1]).costDetails["total"] == 0.007,
                "an invalid stated cost is ignored, so the cost is calculated")
    }

    @Test func noUsageAndNoCostMeansNoCost() throws {
        let result = CostCalculator.calculate(usage: [:], providedCost: [:], model: try CostReferenceExcerpt.definition("gpt-4o"))
        #expect(result.usageDetails.isEmpty && result.costDetails.isEmpty)
        #expect(result.matchedModelID == "b9854a5c92dc496b997d99d20")
        let unmatched = CostCalculator.calculate(usage: ["input": 10], providedCost: [:], model: nil)
        #expect(unmatched == CostResult(usageDetails: ["input": 10, "total": 10], costDetails: [:],
                                        matchedModelID: nil, pricingTierID: nil, pricingTierName: nil))
        let unpriced = try cost("gpt-4o", usage: ["images": 3])
        #expect(unpriced.costDetails.isEmpty, "no usage type has a price")
    }

    @Test func aTotalPriceMakesTheTotalCost() {
        // Langfuse's own test (calculateTokenCost.unit.test.ts): prices input 0.01, output 0.02, total 0.03.
        let model = ModelDefinition(id: "m", modelName: "m", matchPattern: "^m$", pricingTiers: [
            PricingTier(id: "t", name: "Standard", isDefault: true, priority: 0, prices: ["input": 0.01, "output": 0.02, "total": 0.03]),
        ], createdAt: Date())
        let result = CostCalculator.calculate(usage: ["input": 100, "output": 200, "total": 300], providedCost: [:], model: model)
        // input 100 × 0.01 = 1; output 200 × 0.02 = 4; total 300 × 0.03 = 9 (not 1 + 4 + 9)
        #expect(result.costDetails == ["input": 1, "output": 4, "total": 9])
    }
}

/// Pricing tier choice on its own: priorities, conditions and attribute values.
@Suite("Cost: pricing tiers")
struct CostPricingTierTests {
    private static let tiers = [
        PricingTier(id: "default", name: "Default", isDefault: true, priority: 0, prices: ["input": 1]),
        PricingTier(id: "medium", name: "Medium", isDefault: false, priority: 2,
                    conditions: [.usage(pattern: "^input", comparison: .gt, value: 100, caseSensitive: false)], prices: ["input": 2]),
        PricingTier(id: "high", name: "High", isDefault: false, priority: 1,
                    conditions: [.usage(pattern: "^input", comparison: .gt, value: 100, caseSensitive: false),
                                 .usage(pattern: "^output", comparison: .lt, value: 10, caseSensitive: false)], prices: ["input": 3]),
    ]

    private func select(_ usage: [String: Double], _ tiers: [PricingTier] = tiers,
                        parameters: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) -> String? {
        PricingTierSelector.select(from: tiers, usage: usage, modelParameters: parameters, metadata: metadata)?.id
    }

    @Test func lowestPriorityWithAllConditionsHoldingWins() {
        #expect(select(["input": 150, "output": 5]) == "high", "priority 1 is tried before priority 2")
        #expect(select(["input": 150, "output": 50]) == "medium", "high needs both conditions")
        #expect(select(["input": 50]) == "default")
        #expect(select(["input_cached": 60, "INPUT_text": 60]) == "high", "case-insensitive keys summed: 120 > 100")
    }

    @Test func comparisonsAndCaseSensitivity() {
        func tier(_ comparison: PricingCondition.Comparison, caseSensitive: Bool = false) -> [PricingTier] {
            [Self.tiers[0], PricingTier(id: "c", name: "C", isDefault: false, priority: 1,
                                        conditions: [.usage(pattern: "^input", comparison: comparison, value: 100, caseSensitive: caseSensitive)],
                                        prices: ["input": 1])]
        }
        let expectations: [(PricingCondition.Comparison, [Double: Bool])] = [
            (.gt, [99: false, 100: false, 101: true]), (.gte, [99: false, 100: true, 101: true]),
            (.lt, [99: true, 100: false, 101: false]), (.lte, [99: true, 100: true, 101: false]),
            (.eq, [99: false, 100: true, 101: false]), (.neq, [99: true, 100: false, 101: true]),
        ]
        for (comparison, cases) in expectations {
            for (input, matches) in cases {
                #expect((select(["input": input], tier(comparison)) == "c") == matches, "\(input) \(comparison)")
            }
        }
        #expect(select(["INPUT": 500], tier(.gt, caseSensitive: true)) == "default", "case-sensitive pattern ignores INPUT")
    }

    @Test func attributeConditionsCompareTextForms() {
        let tiers = [Self.tiers[0],
                     PricingTier(id: "fast", name: "Fast", isDefault: false, priority: 1,
                                 conditions: [.attribute(source: .metadata, key: "tier", values: ["2", "true", "fast"])], prices: ["input": 1])]
        #expect(select([:], tiers, metadata: ["tier": "fast"]) == "fast")
        #expect(select([:], tiers, metadata: ["tier": 2]) == "fast", "a number as JSON writes it")
        #expect(select([:], tiers, metadata: ["tier": true]) == "fast", "a boolean as JSON writes it")
        #expect(select([:], tiers, metadata: ["tier": ["fast"]]) == "default", "arrays never match")
        #expect(select([:], tiers, metadata: ["tier": nil]) == "default", "null never matches")
        #expect(select([:], tiers, metadata: ["other": "fast"]) == "default", "only the named key")
        #expect(select([:], tiers, parameters: ["tier": "fast"]) == "default", "only the named source")
    }

    @Test func brokenTiersNeverTrap() {
        let broken = [PricingTier(id: "bad", name: "Bad", isDefault: false, priority: 1,
                                  conditions: [.usage(pattern: "(unclosed", comparison: .gte, value: 0, caseSensitive: false)], prices: [:]),
                      PricingTier(id: "empty", name: "Empty", isDefault: false, priority: 2, prices: [:])]
        #expect(select(["input": 1], broken) == nil, "an invalid pattern never holds, a conditionless tier never matches, no default")
        #expect(select(["input": 1], broken + [Self.tiers[0]]) == "default")
    }
}
