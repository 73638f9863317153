import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

@Suite("Langfuse event decoding")
struct EventDecoderTests {
    let decoder = LangfuseEventDecoder(projectID: "p", now: Date())

    func event(_ type: String, _ body: JSONValue, id: JSONValue = "e1", timestamp: JSONValue = "2024-05-01T12:00:00.250Z") -> JSONValue {
        ["id": id, "type": .string(type), "timestamp": timestamp, "body": body]
    }

    func rejection(_ raw: JSONValue) -> String? {
        if case .rejected(let outcome) = decoder.decode(raw) { return outcome.error }
        return nil
    }

    @Test func decodesAGenerationWithLegacyUsage() throws {
        let raw = event("generation-create", ["id": "g1", "traceId": "t1", "model": "gpt-4o", "level": "warning",
                                              "usage": ["promptTokens": 10, "completionTokens": 5], "promptName": "p", "promptVersion": 2])
        guard case .event(let decoded) = decoder.decode(raw), case .observation(let update) = decoded.payload else {
            Issue.record("not decoded")
            return
        }
        #expect(update.type == .generation)
        #expect(update.level == .warning)
        #expect(update.usageDetails == ["input": 10, "output": 5, "total": 15])
        #expect(update.promptVersion == 2)
        #expect(decoded.timestamp == ISO8601Timestamp.parse("2024-05-01T12:00:00.250Z"))
    }

    @Test func rejectionsNameTheField() {
        #expect(rejection(event("trace-create", ["name": 5]))?.contains("body.name: expected a string") == true)
        #expect(rejection(event("span-create", ["traceId": "t"]))?.contains("body.id: is required") == true)
        #expect(rejection(event("bogus-create", [:]))?.contains("unknown event type 'bogus-create'") == true)
        #expect(rejection(event("trace-create", [:], timestamp: "yesterday"))?.contains("timestamp") == true)
        #expect(rejection(event("score-create", ["name": "s", "value": 1]))?.contains("exactly one target") == true)
        #expect(rejection(event("score-create", ["name": "s", "value": 2, "dataType": "BOOLEAN", "traceId": "t"]))?.contains("0 or 1") == true)
    }

    @Test func aPromptNameWithoutVersionIsKeptWithoutALink() {
        guard case .event(let decoded) = decoder.decode(event("generation-create", ["id": "g", "promptName": "p"])),
              case .observation(let update) = decoded.payload else {
            Issue.record("a generation with only promptName is stored, as Langfuse does")
            return
        }
        #expect(update.promptName == nil && update.promptVersion == nil, "no prompt link without both fields")
    }

    @Test func sdkLogIsIgnored() {
        if case .ignored = decoder.decode(event("sdk-log", ["log": "hello"])) {} else { Issue.record("sdk-log not ignored") }
    }

    @Test func timestampsRoundTripWithMilliseconds() {
        let date = ISO8601Timestamp.parse("2024-02-29T23:59:58.123+02:00")
        #expect(date.map(ISO8601Timestamp.format) == "2024-02-29T21:59:58.123Z")
        #expect(ISO8601Timestamp.parse("2024-13-01T00:00:00Z") == nil)
    }
}
