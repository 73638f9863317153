import Foundation
import Testing
import LanternPluginSDK

// The receiver's hand-written protobuf decoder: fields in any order, unknown and unused fields of every wire type
// skipped, every AnyValue kind, and malformed wire data answered as a parse failure with nothing ingested.

private let spanHex = "0102030405060708"

/// Bytes of a protobuf field with wire type 5 (fixed32), which the test encoder has no helper for.
private func fixed32Field(_ field: Int, _ value: UInt32) -> [UInt8] {
    var writer = OTLPProtoWriter()
    writer.tag(field, 5)
    return writer.bytes + (0..<4).map { UInt8((value >> UInt32(8 * $0)) & 0xff) }
}

/// An export of one span whose encoded bytes are `span`.
private func export(span: OTLPProtoWriter) -> [UInt8] {
    var scopeSpans = OTLPProtoWriter()
    scopeSpans.message(2, span)
    var resourceSpans = OTLPProtoWriter()
    resourceSpans.message(2, scopeSpans)
    var request = OTLPProtoWriter()
    request.message(1, resourceSpans)
    return request.bytes
}

@Suite struct OTelProtobufDecodingTests {
    @Test func fieldsInAnyOrderAndUnusedFieldsAreRead() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProtoWriter()
        span.uint(99, 7)                                   // unknown varint field
        span.fixed64(97, 42)                               // unknown fixed64 field
        span.bytes += fixed32Field(98, 5)                  // unknown fixed32 field
        span.data(96, [1, 2, 3])                           // unknown length-delimited field
        span.string(5, "out-of-order")                     // name before the ids
        span.data(2, [1, 2, 3, 4, 5, 6, 7, 8])
        span.string(3, "vendor=state")                     // trace_state, unused
        span.data(1, Array(repeating: 0xab, count: 16))
        span.bytes += fixed32Field(16, 1)                  // flags, unused
        var link = OTLPProtoWriter()
        link.data(1, Array(repeating: 0xcd, count: 16))
        span.message(13, link)                             // links, unused
        span.uint(10, 3)                                   // dropped_attributes_count, unused
        span.fixed64(8, 1_714_564_801_000_000_000)
        span.fixed64(7, 1_714_564_800_250_000_000)
        for (key, value) in [("count", OTValue.i(-5)), ("ratio", .d(0.5)), ("flag", .b(true)),
                             ("list", .arr([.s("a"), .i(2)])), ("object", .kv([("inner", .s("x"))]))] {
            span.message(9, OTLPProto.keyValue(key, value))
        }
        var bytesValue = OTLPProtoWriter()
        bytesValue.data(7, [0xff, 0x00, 0x10])
        var bytesPair = OTLPProtoWriter()
        bytesPair.string(1, "raw")
        bytesPair.message(2, bytesValue)
        span.message(9, bytesPair)
        var status = OTLPProtoWriter()
        status.uint(3, 2)
        status.string(2, "it failed")
        span.message(15, status)

        var scope = OTLPProtoWriter()
        scope.string(2, "2.0")
        scope.string(1, "late-scope")
        var scopeSpans = OTLPProtoWriter()
        scopeSpans.message(2, span)                        // spans before their scope
        scopeSpans.message(1, scope)
        scopeSpans.string(3, "https://opentelemetry.io/schemas/1.30.0")
        var resource = OTLPProtoWriter()
        resource.message(1, OTLPProto.keyValue("service.name", .s("late-service")))
        resource.uint(2, 0)
        var resourceSpans = OTLPProtoWriter()
        resourceSpans.message(2, scopeSpans)               // scope spans before their resource
        resourceSpans.message(1, resource)
        var request = OTLPProtoWriter()
        request.message(1, resourceSpans)
        request.uint(50, 1)                                // unknown field of the request itself

        let response = try await harness.post(request.bytes)
        #expect(response.status == 200, "status: \(response.otlpText)")
        let observation = try #require(await harness.observation(spanHex), "observation")
        #expect(observation.traceID == String(repeating: "ab", count: 16), "trace id")
        #expect(observation.name == "out-of-order", "name")
        #expect(observation.startTime == Date(timeIntervalSince1970: 1_714_564_800.25), "start")
        #expect(observation.endTime == Date(timeIntervalSince1970: 1_714_564_801), "end")
        #expect(observation.level == .error, "status code 2 is an error")
        #expect(observation.statusMessage == "it failed", "status message")
        #expect(observation.metadata?["resourceAttributes"]?.objectValue?["service.name"] == "late-service",
                "the resource applies although it follows the spans")
        #expect(observation.metadata?["scope"] == ["name": "late-scope", "version": "2.0"], "the scope applies although it follows the spans")
        let attributes = observation.metadata?["attributes"]?.objectValue
        #expect(attributes?["count"] == "-5", "negative int64 (ten-byte varint)")
        #expect(attributes?["ratio"] == "0.5", "double")
        #expect(attributes?["flag"] == "true", "bool")
        #expect(attributes?["list"] == "[\"a\",2]", "array")
        #expect(attributes?["object"] == "{\"inner\":\"x\"}", "key-value list")
        #expect(attributes?["raw"] == .string("\"\(Data([0xff, 0x00, 0x10]).base64EncodedString())\""), "bytes as base64 (JSON text)")
    }

    @Test func everySpanGetsItsOwnResourceAndScope() async throws {
        let harness = try await OTelHarness()
        var request = OTLPProtoWriter()
        for resourceIndex in 0..<2 {
            var resourceSpans = OTLPProtoWriter()
            for scopeIndex in 0..<2 {
                var span = OTLPProto.Span()
                span.spanID = [1, 2, 3, 4, 5, 6, UInt8(resourceIndex + 1), UInt8(scopeIndex + 1)]
                var scope = OTLPProtoWriter()
                scope.string(1, "scope-\(resourceIndex)-\(scopeIndex)")
                var scopeSpans = OTLPProtoWriter()
                scopeSpans.message(1, scope)
                scopeSpans.message(2, span.encoded())
                resourceSpans.message(2, scopeSpans)
            }
            var resource = OTLPProtoWriter()
            resource.message(1, OTLPProto.keyValue("service.name", .s("first-\(resourceIndex)")))
            resource.message(1, OTLPProto.keyValue("service.name", .s("service-\(resourceIndex)")))  // a repeated key: last wins
            resourceSpans.message(1, resource)
            request.message(1, resourceSpans)
        }
        let response = try await harness.post(request.bytes)
        #expect(response.status == 200, "status: \(response.otlpText)")
        for resourceIndex in 0..<2 {
            for scopeIndex in 0..<2 {
                let id = "010203040506" + String(format: "%02x%02x", resourceIndex + 1, scopeIndex + 1)
                let observation = try #require(await harness.observation(id), "observation \(id)")
                #expect(observation.metadata?["resourceAttributes"]?.objectValue?["service.name"] == .string("service-\(resourceIndex)"),
                        "\(id): its own resource")
                #expect(observation.metadata?["scope"]?.objectValue?["name"] == .string("scope-\(resourceIndex)-\(scopeIndex)"),
                        "\(id): its own scope")
            }
        }
    }

    @Test func malformedWireDataIsAParseFailure() async throws {
        let harness = try await OTelHarness()
        var wrongWireType = OTLPProto.Span().encoded()
        wrongWireType.uint(5, 1)                           // the name field as a varint
        var invalidUTF8 = OTLPProto.Span().encoded()
        invalidUTF8.data(5, [0x66, 0xff, 0xfe])
        var group = OTLPProto.Span().encoded()
        group.tag(20, 3)                                   // a group start
        var longVarint = OTLPProto.Span().encoded()
        longVarint.tag(6, 0)
        longVarint.bytes += Array(repeating: 0xff, count: 11) + [0x01]
        var fieldZero = OTLPProto.Span().encoded()
        fieldZero.uint(0, 1)
        var overlong = OTLPProto.Span().encoded()
        overlong.tag(9, 2)
        overlong.varint(1_000_000)                         // a length past the end of the body
        let cases: [(String, [UInt8], String)] = [
            ("wrong wire type", export(span: wrongWireType), "malformed protobuf"),
            ("invalid UTF-8", export(span: invalidUTF8), "a string field is not valid UTF-8"),
            ("group", export(span: group), "malformed protobuf"),
            ("eleven-byte varint", export(span: longVarint), "malformed protobuf"),
            ("field number 0", export(span: fieldZero), "malformed protobuf"),
            ("length past the end", export(span: overlong), "truncated"),
        ]
        for (label, body, reason) in cases {
            let response = try await harness.post(body)
            #expect(response.status == 400, "\(label): status")
            #expect(response.otlpError.hasPrefix("Failed to parse OTel Protobuf Trace: "), "\(label): \(response.otlpError)")
            #expect(response.otlpError.contains(reason), "\(label): \(response.otlpError)")
        }
        #expect(await harness.sink.events.isEmpty, "nothing ingested")
    }
}
