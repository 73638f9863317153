import Foundation
import LanternPluginSDK

/// Re-sending the same events yields the same stored rows.
enum IdempotencyCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("idempotency: a re-sent batch stores the same rows") { c in
            let traceID = CaseContext.freshID()
            var trace = Events.traceUpdate(traceID, timestamp: c.at(0), name: "n", userID: "u", sessionID: "s-\(traceID)", tags: ["x", "y"])
            trace.metadata = ["a": ["b": 1]]
            var observation = Events.observationUpdate("\(traceID)-o", traceID: traceID, type: .generation, start: c.at(1), end: c.at(2))
            observation.usageDetails = ["input": 3]
            observation.costDetails = ["total": 0.5]
            let batch = [Events.trace(trace, at: c.at(0)), Events.observation(observation, at: c.at(1)),
                         Events.score(Events.numericScore("\(traceID)-s", projectID: c.projectID, traceID: traceID, at: c.at(3)))]
            try await c.write(batch)
            let first = try await snapshot(c, traceID)
            try await c.write(batch)
            try await c.write(batch)
            let again = try await snapshot(c, traceID)
            c.expect(first == again, "rows after re-sending differ:\n  first: \(first)\n  again: \(again)")
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: TraceQuery()).totalItems, 1, "one trace")
            c.expectEqual(try await c.storage.sessions(projectID: c.projectID, query: SessionQuery()).totalItems, 1, "one session")
        },
    ]

    /// The rows of a trace without their `updatedAt` stamps, comparable across writes.
    private static func snapshot(_ c: CaseContext, _ traceID: String) async throws -> [String] {
        var trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "trace")
        trace.trace.updatedAt = .distantPast
        let observations = try await c.storage.observations(projectID: c.projectID, traceIDs: [traceID]).map { observation in
            var copy = observation
            copy.updatedAt = .distantPast
            return "\(copy)"
        }
        let scores = try await c.storage.scores(projectID: c.projectID, traceIDs: [traceID]).map { score in
            var copy = score
            copy.updatedAt = .distantPast
            return "\(copy)"
        }
        return ["\(trace)"] + observations + scores
    }
}
