import Foundation
import Testing
import LanternPluginSDK
@testable import Masking

/// The component as the kernel drives it: every event kind, the record path, per-field rules, counters.
@Suite struct ProcessorTests {
    private let date = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func everyEventKindIsMasked() async throws {
        let processor = try Fixtures.processor()
        var observation = ObservationUpdate(id: "o1", type: .generation)
        observation.input = ["messages": [["role": "user", "content": "I am jane@example.com"]]]
        observation.output = "call +1 415-555-2671"
        observation.metadata = ["client_ip": "10.0.0.7"]
        observation.statusMessage = "failed for card 4111 1111 1111 1111"
        observation.model = "gpt-4o"

        var text = Score(id: "s1", projectID: "p1", name: "note", dataType: .text, value: nil, stringValue: "from a@example.com",
                         source: .api, timestamp: date, createdAt: date)
        text.comment = "reviewer b@example.com"
        text.metadata = ["by": "c@example.com"]
        let category = Score(id: "s2", projectID: "p1", name: "tag", dataType: .categorical, value: nil, stringValue: "d@example.com",
                             source: .api, timestamp: date, createdAt: date)

        var runItem = DatasetRunItemUpdate(id: "r1", datasetID: "d1", runName: "run", datasetItemID: "i1", traceID: "t1")
        runItem.runDescription = "owner e@example.com"
        runItem.runMetadata = ["owner": "f@example.com"]

        let events = [
            Fixtures.traceEvent(input: "g@example.com", output: ["answer": "h@example.com"], metadata: ["user": "i@example.com"]),
            IngestionEvent(id: "e2", timestamp: date, payload: .observation(observation)),
            IngestionEvent(id: "e3", timestamp: date, payload: .score(text)),
            IngestionEvent(id: "e4", timestamp: date, payload: .score(category)),
            IngestionEvent(id: "e5", timestamp: date, isUpdate: true, payload: .datasetRunItem(runItem)),
        ]
        let masked = try await processor.process(events, projectID: "p1")
        #expect(masked.map(\.id) == events.map(\.id))
        #expect(masked.map(\.isUpdate) == events.map(\.isUpdate))

        guard case .trace(let trace) = masked[0].payload, case .observation(let maskedObservation) = masked[1].payload,
              case .score(let maskedText) = masked[2].payload, case .score(let maskedCategory) = masked[3].payload,
              case .datasetRunItem(let maskedRunItem) = masked[4].payload else {
            Issue.record("payload kinds changed: \(masked)")
            return
        }
        #expect(trace.input == "[REDACTED:email]")
        #expect(trace.output == ["answer": "[REDACTED:email]"])
        #expect(trace.metadata == ["user": "[REDACTED:email]"])
        #expect(trace.id == "t1")

        #expect(maskedObservation.input == ["messages": [["role": "user", "content": "I am [REDACTED:email]"]]])
        #expect(maskedObservation.output == "call [REDACTED:phone]")
        #expect(maskedObservation.metadata == ["client_ip": "[REDACTED:ipv4]"])
        #expect(maskedObservation.statusMessage == "failed for card [REDACTED:credit_card]")
        #expect(maskedObservation.model == "gpt-4o")

        #expect(maskedText.stringValue == "from [REDACTED:email]")
        #expect(maskedText.comment == "reviewer [REDACTED:email]")
        #expect(maskedText.metadata == ["by": "[REDACTED:email]"])
        // A category is a label from a fixed set, not free text.
        #expect(maskedCategory.stringValue == "d@example.com")

        #expect(maskedRunItem.runDescription == "owner [REDACTED:email]")
        #expect(maskedRunItem.runMetadata == ["owner": "[REDACTED:email]"])
    }

    @Test func eventsWithoutMatchesComeBackUnchanged() async throws {
        let processor = try Fixtures.processor()
        let events = [Fixtures.traceEvent(input: ["q": "what is 2+2?", "n": 4], output: "4", metadata: ["v": "1.2.3.4.5"])]
        #expect(try await processor.process(events, projectID: "p1") == events)
    }

    @Test func recordFieldsFollowTheirRules() async throws {
        let processor = try Fixtures.processor([
            "rules": [
                ["detector": "email", "fields": ["datasetItem"]],
                ["detector": "phone", "fields": ["comment"]],
                ["detector": "ipv4", "fields": ["media"]],
                ["detector": "credit_card"],
            ],
        ])
        let text: JSONValue = "a@example.com +1 415-555-2671 10.0.0.1 4111 1111 1111 1111"
        let asItem = try await Fixtures.record(text, processor, field: .datasetItemExpectedOutput)
        #expect(asItem == "[REDACTED:email] +1 415-555-2671 10.0.0.1 [REDACTED:credit_card]")
        let asComment = try await Fixtures.record(text, processor, field: .commentContent)
        #expect(asComment == "a@example.com [REDACTED:phone] 10.0.0.1 [REDACTED:credit_card]")
        let asMedia = try await Fixtures.record(["contentType": "text/plain", "field": text], processor, field: .mediaMetadata)
        #expect(asMedia == ["contentType": "text/plain", "field": "a@example.com +1 415-555-2671 [REDACTED:ipv4] [REDACTED:credit_card]"])
        // A record field this plugin does not know: only the rule without `fields:` applies.
        let unknown = try await Fixtures.record(text, processor, field: RecordField(rawValue: "prompt.body"))
        #expect(unknown == "a@example.com +1 415-555-2671 10.0.0.1 [REDACTED:credit_card]")
    }

    @Test func eventFieldsFollowTheirRules() async throws {
        let processor = try Fixtures.processor(["rules": [["detector": "email", "fields": ["output"]]]])
        let event = Fixtures.traceEvent(input: "a@example.com", output: "b@example.com", metadata: ["m": "c@example.com"])
        let masked = try await processor.process([event], projectID: "p1")
        guard case .trace(let trace) = masked.first?.payload else {
            Issue.record("expected a trace")
            return
        }
        #expect(trace.input == "a@example.com")
        #expect(trace.output == "[REDACTED:email]")
        #expect(trace.metadata == ["m": "c@example.com"])
    }

    @Test func hashedValuesJoinWithinAProjectOnly() async throws {
        let processor = try Fixtures.processor(["rules": [["detector": "email", "replacement": "hash"]], "hashSecret": "0123456789abcdef"])
        let first = try await Fixtures.record("a@example.com", processor, project: "p1")
        let again = try await Fixtures.record("write a@example.com", processor, project: "p1")
        let elsewhere = try await Fixtures.record("a@example.com", processor, project: "p2")
        let token = try #require(first.stringValue)
        #expect(token.hasPrefix("[HASH:email:") && token.hasSuffix("]") && token.count == "[HASH:email:]".count + 12)
        #expect(again == .string("write " + token))
        #expect(elsewhere != first)
        let expected = "[HASH:email:\(ProjectHasher(secret: "0123456789abcdef", projectID: "p1").digest("a@example.com"))]"
        #expect(token == expected)
    }

    @Test func countersAreReportedOncePerDetectorPerBatch() async throws {
        let processor = try Fixtures.processor()
        let host = RecordingHost()
        try await processor.start(host: host)
        let events = [
            Fixtures.traceEvent(input: "a@example.com b@example.com", output: "10.0.0.1"),
            Fixtures.traceEvent(input: "c@example.com", metadata: ["card": "4111111111111111"]),
        ]
        _ = try await processor.process(events, projectID: "p1")
        #expect(Set(host.counts) == [
            RecordingHost.Count(name: "masking_detections", labels: ["detector": "email"], amount: 3),
            RecordingHost.Count(name: "masking_detections", labels: ["detector": "ipv4"], amount: 1),
            RecordingHost.Count(name: "masking_detections", labels: ["detector": "credit_card"], amount: 1),
        ])
        #expect(host.counts.count == 3)

        // A batch without matches reports nothing; a record reports its own matches.
        _ = try await processor.process([Fixtures.traceEvent(input: "nothing here")], projectID: "p1")
        #expect(host.counts.count == 3)
        _ = try await Fixtures.record(["x@example.com": "y@example.com"], processor)
        #expect(host.counts.last == RecordingHost.Count(name: "masking_detections", labels: ["detector": "email"], amount: 2))

        // After shutdown nothing is reported, and masking still works.
        await processor.shutdown()
        #expect(try await Fixtures.record("z@example.com", processor) == "[REDACTED:email]")
        #expect(host.counts.count == 4)
    }

    @Test func theFactoryMakesARecordProcessor() throws {
        let component = try MaskingFactory().make(PluginSettings(), context: ComponentContext(instanceID: "mask", configDirectory: "/tmp"))
        #expect(component is any RecordProcessor)
    }
}
