import Foundation
import Testing
import LanternPluginSDK

@Suite("Merge rules")
struct MergeRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func laterPresentFieldsWinAndAbsentOnesKeep() {
        var create = TraceUpdate(id: "t")
        create.name = "first"
        create.userID = "u1"
        create.metadata = ["a": ["x": 1, "y": 2], "keep": "k"]
        create.tags = ["b", "a"]
        create.environment = "prod"
        var trace = Trace.created(from: create, projectID: "p", eventTimestamp: t0, now: t0)

        var update = TraceUpdate(id: "t")
        update.name = "second"
        update.metadata = ["a": ["y": 3, "z": 4]]
        update.tags = ["c", "a"]
        update.timestamp = t0.addingTimeInterval(60)
        update.environment = "staging"
        trace.apply(update, now: t0)

        #expect(trace.name == "second")
        #expect(trace.userID == "u1")
        #expect(trace.metadata == ["a": ["x": 1, "y": 3, "z": 4], "keep": "k"])
        #expect(trace.tags == ["a", "b", "c"])
        #expect(trace.timestamp == t0, "timestamp is immutable after the first write")
        #expect(trace.environment == "prod", "environment is immutable after the first write")
    }

    @Test func explicitNullClearsOnlyTheNamedTraceFields() {
        var create = TraceUpdate(id: "t")
        create.name = "n"
        create.release = "r"
        create.input = "in"
        var trace = Trace.created(from: create, projectID: "p", eventTimestamp: t0, now: t0)
        var update = TraceUpdate(id: "t")
        update.clearedFields = ["name"]
        update.input = .null
        trace.apply(update, now: t0)
        #expect(trace.name == nil)
        #expect(trace.release == "r")
        #expect(trace.input == "in", "null input never overwrites")
    }

    @Test func observationEndIsClampedAndEmptyDetailsDoNotOverwrite() {
        var create = ObservationUpdate(id: "o", type: .generation)
        create.traceID = "t"
        create.startTime = t0
        create.usageDetails = ["input": 10, "output": 5, "total": 15]
        var observation = Observation.created(from: create, projectID: "p", eventTimestamp: t0, now: t0)
        var update = ObservationUpdate(id: "o", type: .generation)
        update.endTime = t0.addingTimeInterval(-5)
        update.usageDetails = [:]
        update.traceID = "other"
        observation.apply(update, now: t0)
        #expect(observation.endTime == t0)
        #expect(observation.usageDetails["total"] == 15)
        #expect(observation.traceID == "t")
    }

    @Test func observationWithoutTraceGetsAGeneratedOne() {
        let observation = Observation.created(from: ObservationUpdate(id: "o", type: .span), projectID: "p", eventTimestamp: t0, now: t0)
        #expect(observation.traceID.count == 32)
        #expect(observation.startTime == t0)
    }

    @Test func environmentNormalisation() {
        #expect(EnvironmentName.normalize("Langfuse-Prod") == "prod")
        #expect(EnvironmentName.normalize("has space") == "default")
        #expect(EnvironmentName.normalize(nil) == "default")
        #expect(EnvironmentName.normalize(String(repeating: "a", count: 50)).count == 40)
    }
}
