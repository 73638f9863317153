import Foundation
import LanternPluginSDK

/// TraceReader.traces(query:): every filter, the orders, and paging.
enum TraceListCases {
    /// Six traces with varied fields; returns their ids in creation order (t0…t5, timestamps 0…5 s).
    static func seed(_ c: CaseContext) async throws -> [String] {
        let ids = (0..<6).map { "t\($0)-\(CaseContext.freshID().prefix(8))" }
        let rows: [(user: String?, name: String, session: String?, tags: [String], version: String?, release: String?, env: String)] = [
            ("alice", "search", "s-1", ["a", "b"], "1", "r1", "default"),
            ("bob", "chat", "s-1", ["a"], "2", "r1", "production"),
            ("alice", "chat", nil, ["b", "c"], "1", "r2", "production"),
            (nil, "search", "s-2", [], nil, nil, "default"),
            ("carol", "summarize", "s-2", ["a", "b", "c"], "2", "r2", "staging"),
            ("alice", "search", nil, ["c"], "1", "r1", "default"),
        ]
        var events: [IngestionEvent] = []
        for (index, row) in rows.enumerated() {
            var update = Events.traceUpdate(ids[index], timestamp: c.at(Double(index)), name: row.name, userID: row.user,
                                            sessionID: row.session, tags: row.tags, environment: row.env)
            update.version = row.version
            update.release = row.release
            events.append(Events.trace(update, at: c.at(Double(index))))
        }
        try await c.write(events)
        return ids
    }

    /// The ids (by their `tN` prefix) a query returns.
    static func list(_ c: CaseContext, _ configure: (inout TraceQuery) -> Void) async throws -> [String] {
        var query = TraceQuery()
        configure(&query)
        return try await c.storage.traces(projectID: c.projectID, query: query).items.map { String($0.trace.id.prefix(2)) }
    }

    static let all: [ConformanceCase] = [
        ConformanceCase("trace list: by observation level, by score, and by a text search") { c in
            let ids = try await seed(c)
            var events: [IngestionEvent] = []
            // t1 has an ERROR observation, t2 a WARNING one, t4 only DEFAULT ones.
            for (trace, level) in [(1, ObservationLevel.error), (2, .warning), (4, .default)] {
                var update = Events.observationUpdate("\(ids[trace])-o", traceID: ids[trace], start: c.at(Double(trace)))
                update.level = level
                events.append(Events.observation(update, at: c.at(Double(trace))))
            }
            // Input and output text on t3 (with quotes, a percent sign and non-ASCII letters) and t5.
            var withText = Events.traceUpdate(ids[3])
            withText.input = .object(["question": .string("Quel \"café\" à 100% ?")])
            withText.output = .string("Une réponse")
            var other = Events.traceUpdate(ids[5])
            other.output = .object(["answer": .string("nothing about coffee")])
            events += [Events.trace(withText, at: c.at(3), update: true), Events.trace(other, at: c.at(5), update: true)]
            try await c.write(events)
            try await c.write([
                Events.score(Events.numericScore(CaseContext.freshID(), projectID: c.projectID, traceID: ids[0], name: "accuracy", value: 0.9, at: c.at(0))),
                Events.score(Events.numericScore(CaseContext.freshID(), projectID: c.projectID, traceID: ids[2], name: "accuracy", value: 0.4, at: c.at(2))),
                Events.score(Events.numericScore(CaseContext.freshID(), projectID: c.projectID, traceID: ids[4], name: "tone", value: 0.95, at: c.at(4))),
            ])

            c.expectEqual(try await list(c) { $0.levels = [.error] }, ["t1"], "has an ERROR observation")
            c.expectEqual(try await list(c) { $0.levels = [.error, .warning] }, ["t2", "t1"], "ERROR or WARNING")
            c.expectEqual(try await list(c) { $0.levels = [.debug] }, [], "no DEBUG observation anywhere")
            c.expectEqual(try await list(c) { $0.scores = [TraceScoreFilter(name: "accuracy", .greaterOrEqual, 0.5)] }, ["t0"], "accuracy ≥ 0.5")
            c.expectEqual(try await list(c) { $0.scores = [TraceScoreFilter(name: "accuracy", .less, 1)] }, ["t2", "t0"], "accuracy < 1")
            c.expectEqual(try await list(c) { $0.scores = [TraceScoreFilter(name: "tone", .greater, 0.5)]; $0.levels = [.default] }, ["t4"],
                          "a score and a level combine")
            func search(_ text: String, _ scopes: Set<TraceSearch.Scope>) async throws -> [String] {
                try await list(c) { $0.search = TraceSearch(text: text, scopes: scopes) }
            }
            c.expectEqual(try await search("SUMMAR", []), ["t4"], "ids and names, ignoring ASCII case")
            c.expectEqual(try await search(String(ids[2].suffix(6)), [.ids]), ["t2"], "a part of a trace id")
            c.expectEqual(try await search("carol", [.ids]), ["t4"], "a user id")
            c.expectEqual(try await search("café", [.input]), ["t3"], "non-ASCII text in the input")
            c.expectEqual(try await search("\"café\"", [.input]), ["t3"], "quotes inside a JSON string")
            c.expectEqual(try await search("100%", [.input]), ["t3"], "a percent sign is not a wildcard")
            c.expectEqual(try await search("0_%", [.input, .output]), [], "nor an underscore")
            c.expectEqual(try await search("café", [.output]), [], "the output does not hold it")
            c.expectEqual(try await search("réponse", [.output]), ["t3"], "output")
            c.expectEqual(try await search("coffee", [.ids]), [], "ids and names only unless asked")
            c.expectEqual(try await search("coffee", [.ids, .input, .output]), ["t5"], "content")
        },
        ConformanceCase("trace list: each filter, alone and combined") { c in
            _ = try await seed(c)
            c.expectEqual(try await list(c) { _ in }, ["t5", "t4", "t3", "t2", "t1", "t0"], "no filter, newest first")
            c.expectEqual(try await list(c) { $0.userID = "alice" }, ["t5", "t2", "t0"], "userId")
            c.expectEqual(try await list(c) { $0.name = "search" }, ["t5", "t3", "t0"], "name")
            c.expectEqual(try await list(c) { $0.sessionID = "s-2" }, ["t4", "t3"], "sessionId")
            c.expectEqual(try await list(c) { $0.tags = ["a", "b"] }, ["t4", "t0"], "tags: every listed tag present")
            c.expectEqual(try await list(c) { $0.tags = ["c"] }, ["t5", "t4", "t2"], "tags: one tag")
            c.expectEqual(try await list(c) { $0.fromTimestamp = c.at(2); $0.toTimestamp = c.at(4) }, ["t3", "t2"],
                          "fromTimestamp inclusive, toTimestamp exclusive")
            c.expectEqual(try await list(c) { $0.version = "2" }, ["t4", "t1"], "version")
            c.expectEqual(try await list(c) { $0.release = "r2" }, ["t4", "t2"], "release")
            c.expectEqual(try await list(c) { $0.environments = ["production", "staging"] }, ["t4", "t2", "t1"], "environments")
            c.expectEqual(try await list(c) { $0.userID = "alice"; $0.name = "search"; $0.tags = ["c"] }, ["t5"], "filters combine with AND")
            c.expectEqual(try await list(c) { $0.userID = "nobody" }, [], "no match")
        },
        ConformanceCase("trace list: ordering by each sort field, ties broken by id") { c in
            _ = try await seed(c)
            c.expectEqual(try await list(c) { $0.direction = .ascending }, ["t0", "t1", "t2", "t3", "t4", "t5"], "timestamp asc")
            c.expectEqual(try await list(c) { $0.orderBy = "name"; $0.direction = .ascending }, ["t1", "t2", "t0", "t3", "t5", "t4"],
                          "name asc, ties by id asc")
            c.expectEqual(try await list(c) { $0.orderBy = "name"; $0.direction = .descending }, ["t4", "t5", "t3", "t0", "t2", "t1"],
                          "name desc, ties by id desc")
            let byUser = try await list(c) { $0.orderBy = "userId"; $0.direction = .ascending; $0.userID = "alice" }
            c.expectEqual(byUser, ["t0", "t2", "t5"], "userId asc among equal users: by id")
        },
        ConformanceCase("trace list: keyset pages after a cursor, counting every match") { c in
            let ids = try await seed(c)
            var query = TraceQuery()
            query.page = PageRequest(page: 7, limit: 4)
            query.after = TraceCursor(timestamp: c.at(2), id: ids[2])
            let after = try await c.storage.traces(projectID: c.projectID, query: query)
            c.expectEqual(after.items.map { String($0.trace.id.prefix(2)) }, ["t1", "t0"], "after t2, whatever the page number")
            c.expectEqual(after.totalItems, 6, "totalItems counts every match")
            query.userID = "alice"
            query.after = TraceCursor(timestamp: c.at(5), id: ids[5])
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: query).items.map { String($0.trace.id.prefix(2)) }, ["t2", "t0"],
                          "a cursor with a filter")
            query.userID = nil
            query.after = TraceCursor(timestamp: c.at(0), id: ids[0])
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: query).items.count, 0, "nothing after the oldest")
        },
        ConformanceCase("trace list: pages with totals, deep and past-the-end pages") { c in
            _ = try await seed(c)
            var query = TraceQuery()
            query.page = PageRequest(page: 2, limit: 4)
            let second = try await c.storage.traces(projectID: c.projectID, query: query)
            c.expectEqual(second.items.map { String($0.trace.id.prefix(2)) }, ["t1", "t0"], "page 2 of size 4")
            c.expectEqual(second.totalItems, 6, "totalItems")
            query.page = PageRequest(page: 50, limit: 4)
            let beyond = try await c.storage.traces(projectID: c.projectID, query: query)
            c.expectEqual(beyond.items.count, 0, "a page past the end is empty")
            c.expectEqual(beyond.totalItems, 6, "totalItems past the end")
            query.page = PageRequest(page: Int.max, limit: Int.max)
            let huge = try await c.storage.traces(projectID: c.projectID, query: query)
            c.expectEqual(huge.items.count, 0, "the largest page request is answered, empty")
        },
        ConformanceCase("trace list: filtered by the totals of each trace's observations; token totals on reads") { c in
            // cheap: cost 0.02, 150 tokens, 1 s; pricey: cost 0.75 over two generations, 3000 tokens, 5 s; empty: no observations
            // (costs are binary fractions so that sums compare exactly)
            let plan: [(trace: String, observations: [(cost: Double, input: Double, output: Double, seconds: Double)])] = [
                ("cheap", [(0.02, 100, 50, 1)]), ("pricey", [(0.25, 1000, 500, 2), (0.5, 1000, 500, 5)]), ("empty", []),
            ]
            var events: [IngestionEvent] = []
            for (index, entry) in plan.enumerated() {
                let traceID = "\(entry.trace)-\(c.projectID.prefix(6))"
                events.append(Events.trace(Events.traceUpdate(traceID, timestamp: c.at(Double(index))), at: c.at(Double(index))))
                for (number, spec) in entry.observations.enumerated() {
                    var update = Events.observationUpdate("\(traceID)-o\(number)", traceID: traceID, type: .generation,
                                                          start: c.at(Double(index)), end: c.at(Double(index) + spec.seconds))
                    update.usageDetails = ["input": spec.input, "output": spec.output, "total": spec.input + spec.output]
                    update.costDetails = ["input": spec.cost / 2, "output": spec.cost / 2, "total": spec.cost]
                    events.append(Events.observation(update, at: c.at(Double(index))))
                }
            }
            try await c.write(events)
            func names(_ totals: [TraceTotalFilter]) async throws -> [String] {
                var query = TraceQuery()
                query.totals = totals
                return try await c.storage.traces(projectID: c.projectID, query: query).items.map { String($0.trace.id.prefix { $0 != "-" }) }
            }
            c.expectEqual(try await names([TraceTotalFilter(.totalCost, .greater, 0.1)]), ["pricey"], "total cost above $0.10")
            c.expectEqual(try await names([TraceTotalFilter(.totalCost, .lessOrEqual, 0.1)]), ["cheap"], "a trace without costs never matches")
            c.expectEqual(try await names([TraceTotalFilter(.inputCost, .equals, 0.375)]), ["pricey"], "input cost summed over observations")
            c.expectEqual(try await names([TraceTotalFilter(.totalTokens, .greaterOrEqual, 3000)]), ["pricey"], "total tokens")
            c.expectEqual(try await names([TraceTotalFilter(.outputTokens, .less, 100)]), ["cheap"], "output tokens")
            c.expectEqual(try await names([TraceTotalFilter(.latency, .greater, 4), TraceTotalFilter(.inputTokens, .greater, 1)]), ["pricey"],
                          "latency from the first start to the last end, and filters combine")
            c.expectEqual(try await names([TraceTotalFilter(.latency, .less, 0.5)]), [], "no match")
            func sorted(_ field: String, _ direction: SortDirection) async throws -> [String] {
                var query = TraceQuery()
                (query.orderBy, query.direction) = (field, direction)
                return try await c.storage.traces(projectID: c.projectID, query: query).items.map { String($0.trace.id.prefix { $0 != "-" }) }
                    .filter { $0 != "empty" }
            }
            c.expectEqual(try await sorted("totalCost", .descending), ["pricey", "cheap"], "by total cost, most expensive first")
            c.expectEqual(try await sorted("latency", .ascending), ["cheap", "pricey"], "by latency, fastest first")
            c.expectEqual(try await sorted("totalTokens", .descending), ["pricey", "cheap"], "by tokens")
            let pricey = try c.require(try await c.storage.trace(projectID: c.projectID, id: "pricey-\(c.projectID.prefix(6))"), "pricey")
            c.expectEqual(pricey.inputTokens, 2000, "inputTokens on the read")
            c.expectEqual(pricey.outputTokens, 1000, "outputTokens on the read")
            c.expectEqual(pricey.totalTokens, 3000, "totalTokens on the read")
            c.expectEqual(pricey.totalCost, 0.75, "totalCost on the read")

            // a later update that does not name the trace changes the totals (kept at write time, not aggregated on read)
            var repriced = Events.observationUpdate("cheap-\(c.projectID.prefix(6))-o0", traceID: "", type: .generation, end: c.at(9))
            repriced.traceID = nil
            repriced.costDetails = ["total": 0.5]
            try await c.write([Events.observation(repriced, at: c.at(9), update: true)])
            c.expectEqual(try await names([TraceTotalFilter(.totalCost, .greater, 0.1)]), ["pricey", "cheap"], "cheap now costs $0.50")
            let cheap = try c.require(try await c.storage.trace(projectID: c.projectID, id: "cheap-\(c.projectID.prefix(6))"), "cheap")
            c.expectEqual(cheap.latency, 9, "latency after the end moved")
            c.expectEqual(cheap.totalCost, 0.5, "totalCost after the update")
        },
    ]
}
