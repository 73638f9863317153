import Foundation
import LanternPluginSDK

/// TraceReader.deleteTraces: removes a trace with its observations and scores, nothing else.
enum DeletionCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("deletes: traces with their observations and scores; others untouched") { c in
            let doomed = CaseContext.freshID(), kept = CaseContext.freshID()
            for (project, trace) in [(c.projectID, doomed), (c.projectID, kept), (c.otherProjectID, doomed)] {
                try await c.write([
                    Events.trace(Events.traceUpdate(trace, name: "n"), at: c.at(0)),
                    Events.observation(Events.observationUpdate("\(trace)-o", traceID: trace, start: c.at(1)), at: c.at(1)),
                    Events.score(Events.numericScore("\(trace)-s", projectID: project, traceID: trace, at: c.at(2))),
                ], project: project)
            }
            let count = try await c.storage.deleteTraces(projectID: c.projectID, ids: [doomed, "never-existed"])
            c.expectEqual(count, 1, "deleteTraces returns how many existed")
            c.expect(try await c.storage.trace(projectID: c.projectID, id: doomed) == nil, "deleted trace is gone")
            c.expect(try await c.storage.observation(projectID: c.projectID, id: "\(doomed)-o") == nil, "its observation is gone")
            c.expectEqual(try await c.storage.scores(projectID: c.projectID, traceIDs: [doomed]).count, 0, "its scores are gone")
            c.expect(try await c.storage.trace(projectID: c.projectID, id: kept) != nil, "another trace of the project stays")
            c.expect(try await c.storage.observation(projectID: c.projectID, id: "\(kept)-o") != nil, "its observation stays")
            c.expect(try await c.storage.trace(projectID: c.otherProjectID, id: doomed) != nil, "the same id in another project stays")
            c.expectEqual(try await c.storage.scores(projectID: c.otherProjectID, traceIDs: [doomed]).count, 1, "other project's score stays")
            c.expectEqual(try await c.storage.deleteTraces(projectID: c.projectID, ids: [doomed]), 0, "deleting again counts 0")
            c.expectEqual(try await c.storage.deleteTraces(projectID: c.projectID, ids: []), 0, "deleting nothing counts 0")
        },
    ]
}
