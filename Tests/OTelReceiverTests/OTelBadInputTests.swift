import Foundation
import Testing
import LanternPluginSDK

// Bad input to the OTLP receiver plugin: each malformed export gets its own answer naming what is wrong and reaches
// no ingestion; huge and deeply nested attribute values and randomly mutated bodies are answered without crashing;
// and after any of them the receiver still serves a good export.

private let traceHex = String(repeating: "ab", count: 16)
private let spanHex = "0102030405060708"

@Suite("OTLP receiver plugin: bad input")
struct OTelBadInputTests {
    @Test(arguments: BadExport.all)
    func badExportIsRefusedByNameAndTheNextIsServed(_ bad: BadExport) async throws {
        let harness = try await OTelHarness()
        let response = try await harness.post(bad.body, contentType: bad.contentType, headers: bad.headers)
        #expect(response.status == bad.status, "status: \(response.otlpText)")
        for part in bad.mentions {
            #expect(response.otlpError.contains(part), "the error says \(part.debugDescription): \(response.otlpError)")
        }
        #expect(await harness.sink.batches.isEmpty, "nothing of a refused export reaches ingestion")
        try await Self.expectServed(harness)
    }

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
        var json = "{\"stringValue\":\"leaf\"}"
        for _ in 1..<100 { json = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":\(json)}]}}" }
        let jsonResponse = try await harness.postJSON("""
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"\(traceHex)","spanId":"\(spanHex)","attributes":[{"key":"nested","value":\(json)}]}]}]}]}
        """)
        #expect(jsonResponse.status == 400, "status of a 100-deep kvlist (JSON)")
        #expect(jsonResponse.otlpError.contains("nested deeper than 64"), "error names the depth: \(jsonResponse.otlpError)")

        let deepText = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        var ok = OTLPProto.Span()
        ok.attributes = [("nested", nestedKVList(depth: 64)), ("langfuse.observation.input", .s(deepText))]
        let accepted = try await harness.post(OTLPProto.request([ok]))
        #expect(accepted.status == 200, "a 64-deep kvlist is accepted")
        #expect(await harness.observation(spanHex)?.input == .string(deepText), "JSON text nested deeper than 64 stays a string")
        #expect(await harness.sink.batches.count == 1, "only the accepted export reached the sink")
    }

    /// Seeded random truncations, overwrites and insertions of a good export (protobuf and JSON). Their answers cannot
    /// be known one by one, so each must be a success or a refusal by one of the decoders, never another status.
    @Test func mutatedBodiesAreAnsweredAndTheReceiverKeepsServing() async throws {
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
        let refusals = ["Failed to parse OTel Protobuf Trace: ", "Failed to parse OTel JSON Trace: ", "Invalid OTLP trace export: "]
        var random = SplitMix64(seed: 0x5eed)
        for round in 0..<600 {
            var body = round % 2 == 0 ? protobuf : json
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
            switch response.status {
            case 200: continue
            case 400: #expect(refusals.contains { response.otlpError.hasPrefix($0) }, "mutated body #\(round) refused by a decoder: \(response.otlpError)")
            default: Issue.record("status \(response.status) for mutated body #\(round): \(response.otlpText)")
            }
        }
        try await Self.expectServed(harness)
    }

    /// A good export sent after bad input is answered 200 and its span, with an id no mutation produces, is ingested.
    private static func expectServed(_ harness: OTelHarness) async throws {
        var good = OTLPProto.Span()
        good.spanID = [9, 9, 9, 9, 9, 9, 9, 9]
        let response = try await harness.post(OTLPProto.request([good]))
        #expect(response.status == 200, "a good export afterwards: \(response.otlpText)")
        #expect(await harness.observation("0909090909090909") != nil, "the good export's span is ingested")
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
