import Foundation
import LanternPluginSDK

/// IngestionStore + TraceReader: observations, their merge rules, and the trace figures derived from them.
enum ObservationCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("observations: a create stores every field") { c in
            let traceID = CaseContext.freshID(), id = CaseContext.freshID()
            var update = Events.observationUpdate(id, traceID: traceID, type: .generation, name: "llm", start: c.at(1), end: c.at(3.5), parent: "parent-1")
            update.completionStartTime = c.at(1.25)
            update.level = .warning
            update.statusMessage = "slow"
            update.version = "v-2"
            update.environment = "production"
            update.input = [["role": "user", "content": "hi"]]
            update.output = ["role": "assistant", "content": "hello"]
            update.metadata = ["k": "v"]
            update.model = "gpt-4o"
            update.modelParameters = ["temperature": 0.2, "stop": "[\"x\"]"]
            update.usageDetails = ["input": 10, "output": 5, "total": 15]
            update.costDetails = ["input": 0.001, "output": 0.002, "total": 0.003]
            update.promptName = "greeting"
            update.promptVersion = 3
            try await c.write([Events.observation(update, at: c.at(9))])
            let o = try c.require(try await c.storage.observation(projectID: c.projectID, id: id), "stored observation")
            c.expectEqual(o.traceID, traceID, "traceID")
            c.expectEqual(o.projectID, c.projectID, "projectID")
            c.expectEqual(o.type, .generation, "type")
            c.expectEqual(o.name, "llm", "name")
            c.expectEqual(o.startTime, c.at(1), "startTime")
            c.expectEqual(o.endTime, c.at(3.5), "endTime")
            c.expectEqual(o.completionStartTime, c.at(1.25), "completionStartTime")
            c.expectEqual(o.parentObservationID, "parent-1", "parentObservationID")
            c.expectEqual(o.level, .warning, "level")
            c.expectEqual(o.statusMessage, "slow", "statusMessage")
            c.expectEqual(o.version, "v-2", "version")
            c.expectEqual(o.environment, "production", "environment")
            c.expectEqual(o.input, update.input, "input")
            c.expectEqual(o.output, update.output, "output")
            c.expectEqual(o.metadata, ["k": "v"], "metadata")
            c.expectEqual(o.model, "gpt-4o", "model")
            c.expectEqual(o.modelParameters, ["temperature": 0.2, "stop": "[\"x\"]"], "modelParameters")
            c.expectEqual(o.usageDetails, ["input": 10, "output": 5, "total": 15], "usageDetails")
            c.expectEqual(o.costDetails, ["input": 0.001, "output": 0.002, "total": 0.003], "costDetails")
            c.expectEqual(o.promptName, "greeting", "promptName")
            c.expectEqual(o.promptVersion, 3, "promptVersion")
        },
        ConformanceCase("observations: a missing trace is created with only id, timestamp and environment") { c in
            let traceID = CaseContext.freshID(), id = CaseContext.freshID()
            var update = Events.observationUpdate(id, traceID: traceID, start: c.at(4))
            update.environment = "staging"
            try await c.write([Events.observation(update, at: c.at(8))])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "the shallow trace").trace
            c.expectEqual(trace.timestamp, c.at(4), "shallow trace timestamp = observation start")
            c.expectEqual(trace.environment, "staging", "shallow trace environment")
            c.expect(trace.name == nil && trace.userID == nil && trace.input == nil, "shallow trace has no other fields")
            // A later trace event fills it in and keeps the shallow trace's identity fields.
            try await c.write([Events.trace(Events.traceUpdate(traceID, timestamp: c.at(1), name: "late"), at: c.at(10))])
            let filled = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "filled trace").trace
            c.expectEqual(filled.name, "late", "name from the later trace event")
        },
        ConformanceCase("observations: later fields win, identity fields keep, metadata merges, end before start is clamped") { c in
            let traceID = CaseContext.freshID(), id = CaseContext.freshID()
            var first = Events.observationUpdate(id, traceID: traceID, type: .span, name: "first", start: c.at(10))
            first.metadata = ["a": ["x": 1]]
            first.usageDetails = ["input": 1]
            try await c.write([Events.observation(first, at: c.at(10))])
            var second = Events.observationUpdate(id, traceID: "another-trace", type: .span, start: c.at(50), end: c.at(5))
            second.name = "second"
            second.metadata = ["a": ["y": 2]]
            second.usageDetails = [:]
            second.level = .error
            try await c.write([Events.observation(second, at: c.at(11), update: true)])
            let o = try c.require(try await c.storage.observation(projectID: c.projectID, id: id), "stored observation")
            c.expectEqual(o.name, "second", "name")
            c.expectEqual(o.traceID, traceID, "traceID (identity)")
            c.expectEqual(o.startTime, c.at(10), "startTime (identity)")
            c.expectEqual(o.endTime, c.at(10), "endTime before startTime clamped to startTime")
            c.expectEqual(o.metadata, ["a": ["x": 1, "y": 2]], "metadata deep merge")
            c.expectEqual(o.usageDetails, ["input": 1], "empty usageDetails do not replace")
            c.expectEqual(o.level, .error, "level")
        },
        ConformanceCase("observations: a trace's observations ordered by start time then id") { c in
            let traceID = CaseContext.freshID()
            let events = [("c", 3.0), ("a", 1.0), ("b2", 2.0), ("b1", 2.0)].map { name, start in
                Events.observation(Events.observationUpdate("\(traceID)-\(name)", traceID: traceID, name: name, start: c.at(start)), at: c.at(0))
            }
            try await c.write(events)
            let names = try await c.storage.observations(projectID: c.projectID, traceIDs: [traceID]).map(\.name)
            c.expectEqual(names, ["a", "b1", "b2", "c"], "order of observations(traceIDs:)")
        },
        ConformanceCase("traces: derived figures: observation ids, score ids, latency and total cost") { c in
            let traceID = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(traceID, timestamp: c.at(0), name: "t"), at: c.at(0))])
            var a = Events.observationUpdate("\(traceID)-a", traceID: traceID, type: .generation, start: c.at(1), end: c.at(2))
            a.costDetails = ["total": 0.25]
            var b = Events.observationUpdate("\(traceID)-b", traceID: traceID, type: .generation, start: c.at(1.5), end: c.at(4.5))
            b.costDetails = ["input": 0.5, "total": 0.5]
            let event = Events.observationUpdate("\(traceID)-c", traceID: traceID, type: .event, start: c.at(3))
            try await c.write([Events.observation(a, at: c.at(1)), Events.observation(b, at: c.at(1)), Events.observation(event, at: c.at(1))])
            try await c.write([Events.score(Events.numericScore("\(traceID)-s1", projectID: c.projectID, traceID: traceID, at: c.at(5))),
                               Events.score(Events.numericScore("\(traceID)-s2", projectID: c.projectID, traceID: traceID, at: c.at(6)))])
            let summary = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "trace summary")
            c.expectEqual(summary.observationIDs, ["\(traceID)-a", "\(traceID)-b", "\(traceID)-c"], "observationIDs (by start time)")
            c.expectEqual(summary.scoreIDs, ["\(traceID)-s2", "\(traceID)-s1"], "scoreIDs (newest first)")
            c.expect(abs((summary.latency ?? -1) - 3.5) < 0.001, "latency: latest end (4.5) minus earliest start (1), got \(String(describing: summary.latency))")
            c.expect(abs((summary.totalCost ?? -1) - 0.75) < 1e-9, "totalCost: sum of cost totals, got \(String(describing: summary.totalCost))")
            let listed = try await c.storage.traces(projectID: c.projectID, query: TraceQuery()).items.first
            c.expectEqual(listed?.observationIDs, summary.observationIDs, "list rows carry the same observationIDs")
            c.expectEqual(listed?.totalCost, summary.totalCost, "list rows carry the same totalCost")
        },
        ConformanceCase("traces: a trace without observations has no latency or cost") { c in
            let traceID = CaseContext.freshID()
            try await c.write([Events.trace(TraceUpdate(id: traceID), at: c.at(0))])
            let summary = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "trace summary")
            c.expect(summary.latency == nil, "latency is nil")
            c.expect(summary.totalCost == nil, "totalCost is nil")
            c.expectEqual(summary.observationIDs, [], "observationIDs")
        },
    ]
}
