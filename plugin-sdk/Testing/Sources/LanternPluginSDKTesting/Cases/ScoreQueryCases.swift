import Foundation
import LanternPluginSDK

/// Score reads of any target: by id, the list with every filter, and deletion.
enum ScoreQueryCases {
    /// Seven scores over two traces, a session and a dataset run; ids `s0`…`s6`, timestamps 0…6 s.
    static func seed(_ c: CaseContext) async throws {
        try await c.write([
            Events.trace(Events.traceUpdate("trace-a", userID: "alice", tags: ["prod", "vip"]), at: c.at(0)),
            Events.trace(Events.traceUpdate("trace-b", userID: "bob", tags: ["prod"]), at: c.at(0)),
        ])
        func score(_ index: Int, _ name: String, _ type: ScoreDataType, _ value: Double?, _ text: String?,
                   _ configure: (inout Score) -> Void) -> Score {
            var score = Score(id: "s\(index)", projectID: c.projectID, name: name, dataType: type, value: value, stringValue: text,
                              source: .api, timestamp: c.at(Double(index)), createdAt: c.at(Double(index)))
            configure(&score)
            return score
        }
        let scores = [
            score(0, "quality", .numeric, 0.2, nil) { $0.traceID = "trace-a"; $0.observationID = "obs-1" },
            score(1, "quality", .numeric, 0.9, nil) { $0.traceID = "trace-b"; $0.configID = "cfg-1" },
            score(2, "tone", .categorical, nil, "calm") { $0.traceID = "trace-a"; $0.source = .annotation; $0.queueID = "q-1" },
            score(3, "helpful", .boolean, 1, "True") { $0.sessionID = "session-1"; $0.environment = "production" },
            score(4, "accuracy", .numeric, 0.5, nil) { $0.datasetRunID = "run-1"; $0.source = .eval },
            score(5, "note", .text, nil, "fine") { $0.traceID = "trace-b"; $0.observationID = "obs-2"; $0.environment = "production" },
            score(6, "quality", .numeric, 0.5, nil) { $0.traceID = "trace-a" },
        ]
        try await c.write(scores.map(Events.score))
    }

    static func list(_ c: CaseContext, _ configure: (inout ScoreQuery) -> Void) async throws -> [String] {
        var query = ScoreQuery()
        configure(&query)
        return try await c.storage.scores(projectID: c.projectID, query: query).items.map(\.id)
    }

    static let all: [ConformanceCase] = [
        ConformanceCase("score list: each filter, newest first", needs: .scoreQueries) { c in
            try await seed(c)
            c.expectEqual(try await list(c) { _ in }, ["s6", "s5", "s4", "s3", "s2", "s1", "s0"], "no filter: every target, newest first")
            c.expectEqual(try await list(c) { $0.name = "quality" }, ["s6", "s1", "s0"], "name")
            c.expectEqual(try await list(c) { $0.source = .annotation }, ["s2"], "source")
            c.expectEqual(try await list(c) { $0.configID = "cfg-1" }, ["s1"], "configId")
            c.expectEqual(try await list(c) { $0.sessionID = "session-1" }, ["s3"], "sessionId")
            c.expectEqual(try await list(c) { $0.datasetRunID = "run-1" }, ["s4"], "datasetRunId")
            c.expectEqual(try await list(c) { $0.traceID = "trace-a" }, ["s6", "s2", "s0"], "traceId")
            c.expectEqual(try await list(c) { $0.queueID = "q-1" }, ["s2"], "queueId")
            c.expectEqual(try await list(c) { $0.dataType = .numeric }, ["s6", "s4", "s1", "s0"], "dataType")
            c.expectEqual(try await list(c) { $0.fromTimestamp = c.at(2); $0.toTimestamp = c.at(5) }, ["s4", "s3", "s2"], "time window")
            c.expectEqual(try await list(c) { $0.environments = ["production"] }, ["s5", "s3"], "environment")
            c.expectEqual(try await list(c) { $0.scoreIDs = ["s1", "s5", "missing"] }, ["s5", "s1"], "scoreIds")
            c.expectEqual(try await list(c) { $0.observationIDs = ["obs-1", "obs-2"] }, ["s5", "s0"], "observationIds")
            c.expectEqual(try await list(c) { $0.comparison = .greaterOrEqual; $0.value = 0.5 }, ["s6", "s4", "s3", "s1"], "value >= 0.5")
            c.expectEqual(try await list(c) { $0.comparison = .lessThan; $0.value = 0.5 }, ["s0"], "value < 0.5")
            c.expectEqual(try await list(c) { $0.comparison = .notEqual; $0.value = 0.5; $0.dataType = .numeric }, ["s1", "s0"], "value != 0.5")
            c.expectEqual(try await list(c) { $0.userID = "alice" }, ["s6", "s2", "s0"], "userId of the trace")
            c.expectEqual(try await list(c) { $0.traceTags = ["prod", "vip"] }, ["s6", "s2", "s0"], "traceTags: every tag on the trace")
            c.expectEqual(try await list(c) { $0.traceTags = ["prod"]; $0.name = "note" }, ["s5"], "filters combine with AND")
            var paged = ScoreQuery()
            paged.page = PageRequest(page: 2, limit: 3)
            let page = try await c.storage.scores(projectID: c.projectID, query: paged)
            c.expectEqual(page.items.map(\.id), ["s3", "s2", "s1"], "page 2 of size 3")
            c.expectEqual(page.totalItems, 7, "totalItems")
            c.expectEqual(try await c.storage.scores(projectID: c.otherProjectID, query: ScoreQuery()).totalItems, 0, "another project sees none")
        },
        ConformanceCase("score by id and deletion, for every target", needs: .scoreQueries) { c in
            try await seed(c)
            let session = try c.require(try await c.storage.score(projectID: c.projectID, id: "s3"), "session score by id")
            c.expectEqual(session.sessionID, "session-1", "sessionID")
            c.expectEqual(session.stringValue, "True", "stringValue")
            c.expect(try await c.storage.score(projectID: c.otherProjectID, id: "s3") == nil, "another project cannot read it")
            c.expectEqual(try await c.storage.deleteScore(projectID: c.otherProjectID, id: "s0"), false, "another project cannot delete it")
            c.expectEqual(try await c.storage.deleteScore(projectID: c.projectID, id: "s0"), true, "delete an existing score")
            c.expectEqual(try await c.storage.deleteScore(projectID: c.projectID, id: "s0"), false, "delete it again")
            c.expect(try await c.storage.score(projectID: c.projectID, id: "s0") == nil, "deleted score is gone")
            c.expectEqual(try await c.storage.scores(projectID: c.projectID, traceIDs: ["trace-a"]).map(\.id), ["s6", "s2"], "trace scores after the delete")
            c.expectEqual(try await c.storage.deleteScore(projectID: c.projectID, id: "s3"), true, "delete a session score")
        },
        ConformanceCase("score queries: metadata text conditions, case-sensitive, wildcards taken literally", needs: .scoreQueries) { c in
            var scores: [IngestionEvent] = []
            for (id, value) in [("md-1", "abc123"), ("md-2", "ABC999"), ("md-3", "a%c_*?[x"), ("md-4", "")] {
                var score = Events.numericScore(id, projectID: c.projectID, traceID: "md-trace", at: c.at(1))
                score.metadata = ["user_id": .string(value), "n": 7]
                scores.append(Events.score(score))
            }
            var plain = Events.numericScore("md-5", projectID: c.projectID, traceID: "md-trace", at: c.at(1))
            plain.metadata = ["other": "abc123"]
            scores.append(Events.score(plain))
            try await c.write(scores)
            func ids(_ comparison: MetricsFilter.TextOperator, _ value: String, key: String = "user_id") async throws -> [String] {
                var query = ScoreQuery()
                query.metadata = [MetadataTextCondition(key: key, comparison: comparison, value: value)]
                return try await c.storage.scores(projectID: c.projectID, query: query).items.map(\.id).sorted()
            }
            c.expectEqual(try await ids(.equals, "abc123"), ["md-1"], "equals")
            c.expectEqual(try await ids(.startsWith, "abc"), ["md-1"], "starts with is case-sensitive")
            c.expectEqual(try await ids(.contains, "%c_*?["), ["md-3"], "wildcard characters match only themselves")
            c.expectEqual(try await ids(.endsWith, "999"), ["md-2"], "ends with")
            c.expectEqual(try await ids(.doesNotContain, "abc"), ["md-2", "md-3", "md-4"], "does not contain (scores without the key never match)")
            c.expectEqual(try await ids(.equals, "7", key: "n"), ["md-1", "md-2", "md-3", "md-4"], "a number compares as its text")
        },
    ]
}
