import Foundation
import Testing
import LanternPluginSDK

// Framework-specific OTLP mapping rules (contract §3.1–§3.2) and the ingestion-version header, through the real plugin.

@Suite("OTLP receiver: framework rules and headers")
struct OTelFrameworkMappingTests {
    /// A child span with this id, name and attributes.
    private func span(_ id: UInt8, name: String, _ attributes: [(String, OTValue)] = []) -> OTLPProto.Span {
        var span = OTLPProto.Span()
        span.spanID = [0, 0, 0, 0, 0, 0, 0, id]
        span.parentID = [0, 0, 0, 0, 0, 0, 1, 0]
        span.name = name
        span.attributes = attributes
        return span
    }

    private func id(_ byte: UInt8) -> String { String(format: "00000000000000%02x", byte) }

    @Test func liveKitSpanNamesSetTheType() async throws {
        let harness = try await OTelHarness()
        let spans = [span(1, name: "agent_turn"), span(2, name: "start_agent_activity"), span(3, name: "function_tool"), span(4, name: "tts_node")]
        let response = try await harness.post(OTLPProto.request(spans, scope: "livekit-agents"))
        #expect(response.status == 200, "status")
        #expect(await harness.observation(id(1))?.type == .agent, "livekit agent_turn → AGENT")
        #expect(await harness.observation(id(2))?.type == .agent, "livekit start_agent_activity → AGENT")
        #expect(await harness.observation(id(3))?.type == .tool, "livekit function_tool → TOOL")
        #expect(await harness.observation(id(4))?.type == .span, "other livekit spans stay SPAN")

        let other = try await OTelHarness()
        _ = try await other.post(OTLPProto.request([span(1, name: "agent_turn")], scope: "my-app"))
        #expect(await other.observation(id(1))?.type == .span, "the span-name rule applies only to the livekit-agents scope")
    }

    @Test func flueSpanNamesSetTheType() async throws {
        let harness = try await OTelHarness()
        let spans = [span(1, name: "workflow triage"), span(2, name: "turn"), span(3, name: "tool read_file"), span(4, name: "operation")]
        _ = try await harness.post(OTLPProto.request(spans, scope: "@flue/opentelemetry"))
        #expect(await harness.observation(id(1))?.type == .agent, "flue workflow → AGENT")
        #expect(await harness.observation(id(2))?.type == .generation, "flue turn → GENERATION")
        #expect(await harness.observation(id(3))?.type == .tool, "flue tool → TOOL")
        #expect(await harness.observation(id(4))?.type == .span, "flue operation stays SPAN")
    }

    @Test func anthropicCacheCreationIsSplitByLifetime() async throws {
        let harness = try await OTelHarness()
        let generation = span(1, name: "messages.create", [
            ("gen_ai.operation.name", .s("chat")), ("gen_ai.request.model", .s("claude-sonnet-4")),
            ("gen_ai.usage.input_tokens", .i(1000)), ("gen_ai.usage.output_tokens", .i(50)),
            ("gen_ai.usage.cache_read_input_tokens", .i(100)), ("gen_ai.usage.cache_creation_input_tokens", .i(300)),
            ("gen_ai.usage.cache_creation.ephemeral_5m_input_tokens", .i(200)),
            ("gen_ai.usage.cache_creation.ephemeral_1h_input_tokens", .i(100)),
        ])
        _ = try await harness.post(OTLPProto.request([generation]))
        let usage = try #require(await harness.observation(id(1))?.usageDetails, "usageDetails")
        #expect(usage["input_cache_creation_5m"] == 200, "input_cache_creation_5m")
        #expect(usage["input_cache_creation_1h"] == 100, "input_cache_creation_1h")
        #expect(usage["input_cache_creation"] == nil, "the aggregate is dropped when the split is present")
        #expect(usage["input_cached_tokens"] == 100, "input_cached_tokens")
        #expect(usage["input"] == 600, "input minus cache reads and both cache writes (1000 - 100 - 200 - 100)")
        #expect(usage["total"] == 1050, "total counts every token once")
    }

    @Test func openAIUsageObjectsInLangfuseUsageDetailsAreConverted() async throws {
        let harness = try await OTelHarness()
        let chat = #"{"prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300, "prompt_tokens_details": {"cached_tokens": 400}, "completion_tokens_details": {"reasoning_tokens": 100}}"#
        let responses = #"{"input_tokens": 50, "output_tokens": 20, "total_tokens": 70, "input_tokens_details": {"cached_tokens": 10}}"#
        let anthropic = #"{"input_tokens": 50, "output_tokens": 20, "cache_read_input_tokens": 10}"#
        _ = try await harness.post(OTLPProto.request([
            span(1, name: "chat", [("langfuse.observation.type", .s("generation")), ("langfuse.observation.usage_details", .s(chat))]),
            span(2, name: "responses", [("langfuse.observation.type", .s("generation")), ("langfuse.observation.usage_details", .s(responses))]),
            span(3, name: "anthropic", [("langfuse.observation.type", .s("generation")), ("langfuse.observation.usage_details", .s(anthropic))]),
        ]))
        #expect(await harness.observation(id(1))?.usageDetails ==
                ["input": 600, "input_cached_tokens": 400, "output": 200, "output_reasoning_tokens": 100, "total": 1300],
                "chat completion usage: details split out of input and output")
        #expect(await harness.observation(id(2))?.usageDetails == ["input": 40, "input_cached_tokens": 10, "output": 20, "total": 70],
                "Responses API usage")
        #expect(await harness.observation(id(3))?.usageDetails ==
                ["input_tokens": 50, "output_tokens": 20, "cache_read_input_tokens": 10, "total": 80],
                "without total_tokens the keys stay as sent (Anthropic's input already excludes cache reads)")
    }

    @Test func newerIngestionVersionsAreRejected() async throws {
        let harness = try await OTelHarness()
        let body = OTLPProto.request([span(1, name: "s")])
        let newer = try await harness.post(body, headers: ["x-langfuse-ingestion-version": "5"])
        #expect(newer.status == 400, "status for ingestion version 5")
        #expect(newer.otlpError.contains("x-langfuse-ingestion-version 5"), "message names the header and value")
        #expect(await harness.observation(id(1)) == nil, "nothing ingested from a rejected request")
        let current = try await harness.post(body, headers: ["x-langfuse-ingestion-version": "4"])
        #expect(current.status == 200, "version 4 (SDK v5) is accepted")
    }
}
