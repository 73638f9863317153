import Foundation
import LanternPluginSDK

/// TraceReader.observations(query:): every filter, order and paging.
enum ObservationListCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("observation list: each filter, newest start first, paged") { c in
            let traceA = CaseContext.freshID(), traceB = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(traceA, userID: "alice"), at: c.at(0)),
                               Events.trace(Events.traceUpdate(traceB, userID: "bob"), at: c.at(0))])
            let rows: [(trace: String, type: ObservationType, name: String, parent: String?, level: ObservationLevel, env: String, version: String?)] = [
                (traceA, .span, "root", nil, .default, "default", "1"),
                (traceA, .generation, "llm", "o0", .default, "default", "1"),
                (traceA, .generation, "llm", "o0", .error, "production", "2"),
                (traceB, .tool, "search", nil, .warning, "production", nil),
                (traceB, .event, "log", "o3", .debug, "default", "2"),
            ]
            var events: [IngestionEvent] = []
            for (index, row) in rows.enumerated() {
                var update = Events.observationUpdate("o\(index)", traceID: row.trace, type: row.type, name: row.name,
                                                      start: c.at(Double(index)), parent: row.parent)
                update.level = row.level
                update.environment = row.env
                update.version = row.version
                events.append(Events.observation(update, at: c.at(Double(index))))
            }
            try await c.write(events)
            func list(_ configure: (inout ObservationQuery) -> Void) async throws -> [String] {
                var query = ObservationQuery()
                configure(&query)
                return try await c.storage.observations(projectID: c.projectID, query: query).items.map(\.id)
            }
            c.expectEqual(try await list { _ in }, ["o4", "o3", "o2", "o1", "o0"], "no filter, newest start first")
            c.expectEqual(try await list { $0.traceID = traceA }, ["o2", "o1", "o0"], "traceId")
            c.expectEqual(try await list { $0.name = "llm" }, ["o2", "o1"], "name")
            c.expectEqual(try await list { $0.type = .generation }, ["o2", "o1"], "type")
            c.expectEqual(try await list { $0.userID = "bob" }, ["o4", "o3"], "userId of the trace")
            c.expectEqual(try await list { $0.parentObservationID = "o0" }, ["o2", "o1"], "parentObservationId")
            c.expectEqual(try await list { $0.level = .error }, ["o2"], "level")
            c.expectEqual(try await list { $0.environments = ["production"] }, ["o3", "o2"], "environment")
            c.expectEqual(try await list { $0.fromStartTime = c.at(1); $0.toStartTime = c.at(3) }, ["o2", "o1"], "start time window")
            c.expectEqual(try await list { $0.version = "2" }, ["o4", "o2"], "version")
            c.expectEqual(try await list { $0.traceID = traceA; $0.type = .generation; $0.level = .default }, ["o1"], "filters combine with AND")
            var paged = ObservationQuery()
            paged.page = PageRequest(page: 2, limit: 2)
            let page = try await c.storage.observations(projectID: c.projectID, query: paged)
            c.expectEqual(page.items.map(\.id), ["o2", "o1"], "page 2 of size 2")
            c.expectEqual(page.totalItems, 5, "totalItems")
        },
        ConformanceCase("observation list: equal start times ordered by id, newest first") { c in
            let traceID = CaseContext.freshID()
            let events = ["b", "a", "c"].map { Events.observation(Events.observationUpdate($0, traceID: traceID, start: c.at(1)), at: c.at(1)) }
            try await c.write(events)
            let ids = try await c.storage.observations(projectID: c.projectID, query: ObservationQuery()).items.map(\.id)
            c.expectEqual(ids, ["c", "b", "a"], "ties by id descending")
        },
        ConformanceCase("observation list: generations of one prompt version") { c in
            let traceID = CaseContext.freshID()
            var events: [IngestionEvent] = []
            for (id, name, version) in [("g1", "qa", 1), ("g2", "qa", 2), ("g3", "qa", 2), ("g4", "other", 2)] as [(String, String, Int)] {
                var update = Events.observationUpdate(id, traceID: traceID, type: .generation, start: c.at(Double(events.count)))
                update.promptName = name
                update.promptVersion = version
                events.append(Events.observation(update, at: c.at(0)))
            }
            try await c.write(events)
            var query = ObservationQuery()
            query.promptName = "qa"
            query.promptVersion = 2
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: query).items.map(\.id), ["g3", "g2"], "prompt name and version")
            query.promptVersion = nil
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: query).items.map(\.id), ["g3", "g2", "g1"], "prompt name alone")
        },
        ConformanceCase("observation list: keyset pages after a cursor, with filters, ties by id") { c in
            let traceID = CaseContext.freshID(), sessionTrace = CaseContext.freshID()
            var events = [Events.trace(Events.traceUpdate(sessionTrace, timestamp: c.at(0), sessionID: "keyset-session"), at: c.at(0))]
            for (index, second) in [1.0, 2, 3, 3, 3, 4, 5].enumerated() {
                events.append(Events.observation(Events.observationUpdate("k\(index)", traceID: index < 5 ? traceID : sessionTrace,
                                                                          name: index % 2 == 0 ? "even" : "odd", start: c.at(second)), at: c.at(0)))
            }
            try await c.write(events)
            var query = ObservationQuery()
            query.page = PageRequest(page: 99, limit: 3)
            var seen: [String] = [], cursor: ObservationCursor?
            for _ in 0..<5 {
                let page = try await c.storage.observations(projectID: c.projectID, query: query, after: cursor)
                seen += page.map(\.id)
                guard page.count == 3, let last = page.last else { break }
                cursor = ObservationCursor(after: last)
            }
            c.expectEqual(seen, ["k6", "k5", "k4", "k3", "k2", "k1", "k0"], "every observation once, newest first, ties by id descending; page number ignored")
            query.name = "even"
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: query, after: ObservationCursor(startTime: c.at(3), id: "k3")).map(\.id),
                          ["k2", "k0"], "filtered, strictly after a cursor inside a tie")
            var session = ObservationQuery()
            session.sessionID = "keyset-session"
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, query: session, after: nil).map(\.id), ["k6", "k5"],
                          "sessionId matches the observation's trace")
            c.expectEqual(try await c.storage.observations(projectID: c.otherProjectID, query: ObservationQuery(), after: nil).count, 0,
                          "another project sees none")
        },
    ]
}
