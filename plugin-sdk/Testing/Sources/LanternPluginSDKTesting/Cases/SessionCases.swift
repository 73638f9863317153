import Foundation
import LanternPluginSDK

/// Sessions: created by the traces that name them, listed newest first.
enum SessionCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("sessions: created by a trace's sessionId, with its environment and timestamp") { c in
            let sessionID = "s-\(CaseContext.freshID())"
            let first = CaseContext.freshID(), second = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(first, timestamp: c.at(10), sessionID: sessionID, environment: "production"), at: c.at(10))])
            try await c.write([Events.trace(Events.traceUpdate(second, timestamp: c.at(5), sessionID: sessionID, environment: "staging"), at: c.at(5))])
            let session = try c.require(try await c.storage.session(projectID: c.projectID, id: sessionID), "session")
            c.expectEqual(session.environment, "production", "environment of the first trace")
            c.expectEqual(session.createdAt, c.at(10), "createdAt = the first trace's timestamp")
            let traces = try await c.storage.traces(projectID: c.projectID, sessionID: sessionID).map(\.trace.id)
            c.expectEqual(traces, [second, first], "traces of the session, oldest first")
            c.expect(try await c.storage.session(projectID: c.projectID, id: "missing") == nil, "unknown session is nil")
        },
        ConformanceCase("sessions: list newest first, paged, filtered by time and environment") { c in
            for (index, environment) in ["default", "production", "default", "production", "default"].enumerated() {
                let trace = Events.traceUpdate(CaseContext.freshID(), timestamp: c.at(Double(index)), sessionID: "s\(index)", environment: environment)
                try await c.write([Events.trace(trace, at: c.at(Double(index)))])
            }
            let all = try await c.storage.sessions(projectID: c.projectID, query: SessionQuery())
            c.expectEqual(all.items.map(\.id), ["s4", "s3", "s2", "s1", "s0"], "newest first")
            c.expectEqual(all.totalItems, 5, "totalItems")
            var paged = SessionQuery()
            paged.page = PageRequest(page: 2, limit: 2)
            let page = try await c.storage.sessions(projectID: c.projectID, query: paged)
            c.expectEqual(page.items.map(\.id), ["s2", "s1"], "page 2 of size 2")
            c.expectEqual(page.totalItems, 5, "totalItems on page 2")
            var window = SessionQuery()
            window.fromTimestamp = c.at(1)
            window.toTimestamp = c.at(3)
            c.expectEqual(try await c.storage.sessions(projectID: c.projectID, query: window).items.map(\.id), ["s2", "s1"],
                          "from inclusive, to exclusive")
            var production = SessionQuery()
            production.environments = ["production"]
            c.expectEqual(try await c.storage.sessions(projectID: c.projectID, query: production).items.map(\.id), ["s3", "s1"],
                          "environment filter")
        },
    ]
}
