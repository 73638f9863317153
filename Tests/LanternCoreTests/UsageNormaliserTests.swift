import Testing
@testable import LanternCore
import LanternPluginSDK

/// Usage objects as clients send them, turned into Langfuse usage types (contract §7).
@Suite("Usage normaliser")
struct UsageNormaliserTests {
    @Test func chatCompletionsUsageBecomesInputOutputAndPrefixedDetails() {
        let usage = UsageNormaliser.normalise([
            "prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
            "prompt_tokens_details": ["cached_tokens": 400, "audio_tokens": 20],
            "completion_tokens_details": ["reasoning_tokens": 300, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": nil],
        ])
        #expect(usage == [
            "input": 580,  // 1000 - 400 cached - 20 audio
            "input_cached_tokens": 400, "input_audio_tokens": 20,
            "output": 200,  // 500 - 300 reasoning - 0 accepted
            "output_reasoning_tokens": 300, "output_accepted_prediction_tokens": 0,
            "total": 1500,
        ], "null details are skipped")
    }

    @Test func chatDetailsNeverPushInputBelowZero() {
        let usage = UsageNormaliser.normalise(["prompt_tokens": 10, "completion_tokens": 5,
                                               "prompt_tokens_details": ["cached_tokens": 30]])
        #expect(usage["input"] == 0, "10 - 30 clamps at zero")
        #expect(usage["input_cached_tokens"] == 30)
        #expect(usage["total"] == 35, "no total_tokens: the sum of all counts (0 + 30 + 5)")
    }

    @Test func responsesUsageFollowsTheSameRule() {
        let usage = UsageNormaliser.normalise([
            "input_tokens": 2000, "output_tokens": 3000, "total_tokens": 5000,
            "input_tokens_details": ["cached_tokens": 500], "output_tokens_details": ["reasoning_tokens": 2500],
        ])
        #expect(usage == ["input": 1500, "input_cached_tokens": 500, "output": 500, "output_reasoning_tokens": 2500, "total": 5000])
    }

    @Test func anthropicUsageKeepsItsKeysAndSubtractsNothing() {
        // Anthropic's input_tokens already excludes cache reads and writes; Langfuse stores the keys as sent.
        let usage = UsageNormaliser.normalise([
            "input_tokens": 50, "output_tokens": 400, "cache_read_input_tokens": 10_000,
            "cache_creation_input_tokens": 2000, "service_tier": "standard", "server_tool_use": ["web_search_requests": 1],
        ])
        #expect(usage == ["input_tokens": 50, "output_tokens": 400, "cache_read_input_tokens": 10_000,
                          "cache_creation_input_tokens": 2000, "total": 12_450], "strings and nested objects dropped")
    }

    @Test func anthropicCacheCreationSplitReplacesTheSingleFigure() {
        let usage = UsageNormaliser.normalise([
            "input_tokens": 50, "output_tokens": 400, "cache_creation_input_tokens": 2000,
            "cache_creation": ["ephemeral_5m_input_tokens": 500, "ephemeral_1h_input_tokens": 1500],
        ])
        #expect(usage == ["input_tokens": 50, "output_tokens": 400, "input_cache_creation_5m": 500,
                          "input_cache_creation_1h": 1500, "total": 2450], "the 2000 are counted once")
    }

    @Test func inputAndOutputTokensWithoutTotalStayAsSent() {
        // Langfuse's Responses schema needs total_tokens; without it the object is raw usage.
        #expect(UsageNormaliser.normalise(["input_tokens": 7, "output_tokens": 3])
            == ["input_tokens": 7, "output_tokens": 3, "total": 10])
    }

    @Test func langfuseKeysPassThroughAndInvalidValuesAreDropped() {
        let usage = UsageNormaliser.normalise([
            "input": 10, "output": 2.5, "input_cached_tokens": 4, "negative": -1, "text": "12",
            "nothing": nil, "flag": true, "list": [1],
        ])
        #expect(usage == ["input": 10, "output": 2.5, "input_cached_tokens": 4, "total": 16.5],
                "fractions kept; negative, string, null, boolean and array values dropped")
        #expect(UsageNormaliser.normalise(["input": .number(.infinity)]).isEmpty, "non-finite dropped")
        #expect(UsageNormaliser.normalise(["input": 10, "total": 99]) == ["input": 10, "total": 99], "a stated total is kept")
        #expect(UsageNormaliser.normalise([:]).isEmpty, "no usage, no total")
    }

    @Test func legacyUsageMergesWithUsageAndCostDetails() {
        let openAI = ProvidedUsage(usageDetails: nil, costDetails: nil,
                                   legacyUsage: ["promptTokens": 12, "completionTokens": 8, "inputCost": 1])
        #expect(openAI.usageDetails == ["input": 12, "output": 8, "total": 20])
        #expect(openAI.costDetails.isEmpty, "with promptTokens Langfuse ignores the rest of the legacy object")

        let legacy = ProvidedUsage(usageDetails: ["output": 9, "input_cached_tokens": 3],
                                   costDetails: ["output": 0.2, "bad": -1],
                                   legacyUsage: ["input": 10, "output": 5, "unit": "TOKENS", "inputCost": 0.1, "outputCost": 0.4])
        #expect(legacy.usageDetails == ["input": 10, "output": 9, "input_cached_tokens": 3, "total": 22],
                "usageDetails override the legacy counts key by key; total is the sum")
        #expect(legacy.costDetails == ["input": 0.1, "output": 0.2], "costDetails override legacy costs; no total added")

        let chat = ProvidedUsage(usageDetails: ["prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15],
                                 costDetails: nil, legacyUsage: nil)
        #expect(chat.usageDetails == ["input": 10, "output": 5, "total": 15])
        #expect(ProvidedUsage(usageDetails: nil, costDetails: nil, legacyUsage: nil).usageDetails.isEmpty)
    }
}
