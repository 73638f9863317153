import Foundation
import LanternPluginSDK

/// Scores: every data type and target, upsert by id.
enum ScoreCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("scores: every data type stored with its fields") { c in
            let traceID = CaseContext.freshID()
            try await c.write([Events.trace(TraceUpdate(id: traceID), at: c.at(0))])
            func score(_ suffix: String, _ type: ScoreDataType, _ value: Double?, _ text: String?, at seconds: Double) -> Score {
                var score = Score(id: "\(traceID)-\(suffix)", projectID: c.projectID, name: suffix, dataType: type, value: value,
                                  stringValue: text, source: .api, timestamp: c.at(seconds), createdAt: c.at(seconds))
                score.traceID = traceID
                return score
            }
            var numeric = score("numeric", .numeric, 0.75, nil, at: 1)
            numeric.observationID = "obs-1"
            numeric.comment = "good"
            numeric.metadata = ["by": "test"]
            numeric.configID = "config-1"
            numeric.environment = "production"
            var categorical = score("categorical", .categorical, nil, "green", at: 2)
            categorical.source = .annotation
            categorical.queueID = "queue-1"
            categorical.authorUserID = "user-9"
            let boolean = score("boolean", .boolean, 1, "True", at: 3)
            var text = score("text", .text, nil, "free text ✓", at: 4)
            text.source = .eval
            try await c.write([numeric, categorical, boolean, text].map(Events.score))
            let stored = try await c.storage.scores(projectID: c.projectID, traceIDs: [traceID])
            c.expectEqual(stored.map(\.name), ["text", "boolean", "categorical", "numeric"], "scores(traceIDs:) newest first")
            for expected in [numeric, categorical, boolean, text] {
                guard let found = stored.first(where: { $0.id == expected.id }) else {
                    c.record("score \(expected.name) missing")
                    continue
                }
                c.expectEqual(found.dataType, expected.dataType, "\(expected.name).dataType")
                c.expectEqual(found.value, expected.value, "\(expected.name).value")
                c.expectEqual(found.stringValue, expected.stringValue, "\(expected.name).stringValue")
                c.expectEqual(found.source, expected.source, "\(expected.name).source")
                c.expectEqual(found.observationID, expected.observationID, "\(expected.name).observationID")
                c.expectEqual(found.comment, expected.comment, "\(expected.name).comment")
                c.expectEqual(found.metadata, expected.metadata, "\(expected.name).metadata")
                c.expectEqual(found.configID, expected.configID, "\(expected.name).configID")
                c.expectEqual(found.queueID, expected.queueID, "\(expected.name).queueID")
                c.expectEqual(found.authorUserID, expected.authorUserID, "\(expected.name).authorUserID")
                c.expectEqual(found.environment, expected.environment, "\(expected.name).environment")
                c.expectEqual(found.timestamp, expected.timestamp, "\(expected.name).timestamp")
            }
        },
        ConformanceCase("scores: a re-sent id replaces the score but keeps its first timestamp and trace") { c in
            let traceID = CaseContext.freshID(), id = CaseContext.freshID()
            try await c.write([Events.score(Events.numericScore(id, projectID: c.projectID, traceID: traceID, value: 0.1, at: c.at(1)))])
            var newer = Events.numericScore(id, projectID: c.projectID, traceID: nil, value: 0.9, at: c.at(30))
            newer.comment = "revised"
            try await c.write([Events.score(newer)])
            let stored = try await c.storage.scores(projectID: c.projectID, traceIDs: [traceID])
            c.expectEqual(stored.count, 1, "one score after the re-send")
            c.expectEqual(stored.first?.value, 0.9, "value replaced")
            c.expectEqual(stored.first?.comment, "revised", "comment replaced")
            c.expectEqual(stored.first?.timestamp, c.at(1), "timestamp kept")
            c.expectEqual(stored.first?.traceID, traceID, "traceID kept")
        },
        ConformanceCase("scores: session and dataset-run targets are accepted") { c in
            var session = Events.numericScore(CaseContext.freshID(), projectID: c.projectID, traceID: nil, at: c.at(1))
            session.sessionID = "session-\(c.projectID)"
            var run = Events.numericScore(CaseContext.freshID(), projectID: c.projectID, traceID: nil, at: c.at(2))
            run.datasetRunID = "run-\(c.projectID)"
            try await c.write([Events.score(session), Events.score(run)])
        },
    ]
}
