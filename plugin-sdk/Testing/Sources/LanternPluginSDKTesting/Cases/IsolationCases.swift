import Foundation
import LanternPluginSDK

/// Project isolation: the same ids in two projects are two different rows, and no read crosses projects.
enum IsolationCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("isolation: the same ids in two projects stay separate in every read") { c in
            let traceID = CaseContext.freshID(), sessionID = "s-\(CaseContext.freshID())"
            for (project, name) in [(c.projectID, "mine"), (c.otherProjectID, "theirs")] {
                var observation = Events.observationUpdate("\(traceID)-o", traceID: traceID, name: name, start: c.at(1))
                observation.metadata = ["owner": .string(name)]
                try await c.write([
                    Events.trace(Events.traceUpdate(traceID, timestamp: c.at(0), name: name, userID: name, sessionID: sessionID, tags: [name]), at: c.at(0)),
                    Events.observation(observation, at: c.at(1)),
                    Events.score(Events.numericScore("\(traceID)-s", projectID: project, traceID: traceID, name: name, at: c.at(2))),
                ], project: project)
            }
            c.expectEqual(try await c.storage.trace(projectID: c.projectID, id: traceID)?.trace.name, "mine", "trace(id:)")
            c.expectEqual(try await c.storage.trace(projectID: c.otherProjectID, id: traceID)?.trace.name, "theirs", "trace(id:) other project")
            c.expectEqual(try await c.storage.trace(projectID: c.projectID, id: traceID)?.trace.tags, ["mine"], "tags not merged across projects")
            c.expectEqual(try await c.storage.observation(projectID: c.projectID, id: "\(traceID)-o")?.name, "mine", "observation(id:)")
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, traceIDs: [traceID]).map(\.name), ["mine"], "observations(traceIDs:)")
            c.expectEqual(try await c.storage.scores(projectID: c.projectID, traceIDs: [traceID]).map(\.name), ["mine"], "scores(traceIDs:)")
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: TraceQuery()).items.map(\.trace.name), ["mine"], "trace list")
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: ObservationQuery()).items.map(\.name), ["mine"], "observation list")
            var byUser = ObservationQuery()
            byUser.userID = "theirs"
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: byUser).items.count, 0, "userId filter does not reach another project's trace")
            c.expectEqual(try await c.storage.sessions(projectID: c.projectID, query: SessionQuery()).totalItems, 1, "session list")
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, sessionID: sessionID).map(\.trace.name), ["mine"], "traces of a session")
            c.expectEqual(try await c.storage.trace(projectID: c.projectID, id: traceID)?.scoreIDs.count, 1, "scoreIDs")
        },
    ]
}
