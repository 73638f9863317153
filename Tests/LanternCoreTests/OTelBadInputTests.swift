import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

// Bad input to the OTLP receiver plugin: huge and deeply nested attribute values and randomly mutated bodies are
// answered (200 or a 4xx) without crashing, and valid spans keep flowing.

private let traceHex = String(repeating: "ab", count: 16)
private let spanHex = "0102030405060708"

/// A kvlist nested `depth` levels deep.
private func nestedKVList(depth: Int) -> OTValue {
    var value = OTValue.s("leaf")
    for _ in 1..<depth { value = .kv([("k", value)]) }
    return value
}

@Suite("OTLP receiver plugin: bad input")
struct OTelBadInputTests {
    @Test func largeAttributeValuesAreAccepted() async throws {
        let harness = try await OTelHarness()
        let big = String(repeating: "x", count: 10_000_000)
        var span = OTLPProto.Span()
        span.attributes = [("langfuse.observation.input", .s(big))]
        let response = try await harness.post(OTLPProto.request([span]))
        // The route's 64 MiB limit is enforced by the kernel before the handler; here the handler itself must accept it.
        #expect(response.status == 200, "status of a 10 MB attribute")
        #expect(await harness.observation(spanHex)?.input?.stringValue?.utf8.count == 10_000_000, "10 MB input kept whole")
    }

    @Test func deeplyNestedValuesAreBounded() async throws {
        let harness = try await OTelHarness()
        var deep = OTLPProto.Span()
        deep.attributes = [("nested", nestedKVList(depth: 100))]
        let response = try await harness.post(OTLPProto.request([deep]))
        #expect(response.status == 400, "status of a 100-deep kvlist (protobuf)")
        #expect(response.otlpError.contains("nested deeper than 64"), "error names the depth: \(response.otlpError)")

        var json = "{\"stringValue\":\"leaf\"}"
        for _ in 1..<100 { json = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":\(json)}]}}" }
        let jsonResponse = try await harness.postJSON("""
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"\(traceHex)","spanId":"\(spanHex)","attributes":[{"key":"nested","value":\(json)}]}]}]}]}
        """)
        #expect(jsonResponse.status == 400, "status of a 100-deep kvlist (JSON)")

        let deepText = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        var ok = OTLPProto.Span()
        ok.attributes = [("nested", nestedKVList(depth: 64)), ("langfuse.observation.input", .s(deepText))]
        let accepted = try await harness.post(OTLPProto.request([ok]))
        #expect(accepted.status == 200, "a 64-deep kvlist is accepted")
        #expect(await harness.observation(spanHex)?.input == .string(deepText), "JSON text nested deeper than 64 stays a string")
        #expect(await harness.sink.batches.count == 1, "only the accepted export reached the sink")
    }

    @Test func mutatedBodiesAreAnsweredWithoutCrashing() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProto.Span()
        span.parentID = [3, 3, 3, 3, 3, 3, 3, 3]
        span.attributes = [("langfuse.observation.type", .s("generation")), ("gen_ai.usage.input_tokens", .i(5)),
                           ("langfuse.observation.metadata.k", .s("{\"a\":1}")), ("nested", .kv([("x", .arr([.d(1.5), .b(true)]))])),
                           ("llm.input_messages.0.message.role", .s("user")), ("langfuse.observation.completion_start_time", .s("2024-05-01T12:00:00Z"))]
        span.events = [OTLPProto.Event(name: "exception", time: 1, attributes: [("exception.message", .s("m"))])]
        let protobuf = OTLPProto.request([span, OTLPProto.Span()])
        let json = Array("""
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"\(traceHex)","spanId":"\(spanHex)","startTimeUnixNano":"5",
          "attributes":[{"key":"a","value":{"kvlistValue":{"values":[{"key":"b","value":{"intValue":"7"}}]}}}]}]}]}]}
        """.utf8)
        var random = SplitMix64(seed: 0x5eed)
        var answered: [Int: Int] = [:]
        for round in 0..<600 {
            let original = round % 2 == 0 ? protobuf : json
            var body = original
            switch random.next() % 3 {
            case 0:
                body = Array(body.prefix(Int(random.next() % UInt64(body.count))))
            case 1:
                for _ in 0..<(1 + random.next() % 4) {
                    body[Int(random.next() % UInt64(body.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            default:
                let at = Int(random.next() % UInt64(body.count))
                body.insert(contentsOf: (0..<(random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            }
            let response = try await harness.post(body, contentType: round % 2 == 0 ? "application/x-protobuf" : "application/json")
            answered[response.status, default: 0] += 1
            #expect(response.status == 200 || response.status == 400, "status \(response.status) for mutated body #\(round): \(response.otlpText)")
        }
        #expect(answered.values.reduce(0, +) == 600, "every mutated body answered")
    }
}

/// A small seeded generator (SplitMix64) for reproducible mutations.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
