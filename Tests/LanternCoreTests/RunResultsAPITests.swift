import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// A run's results and two runs compared side by side, in process over the real SQLite plugin.
@Suite("Dataset run results and comparison in process")
struct RunResultsAPITests {
    let harness = APIHarness()

    @Test func resultsCarryOutputsLatencyCostAndScoreAverages() async throws {
        try await harness.withServer { client, _ in
            #expect(try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "qa"]).status == .ok, "dataset")
            for item in ["i1", "i2"] {
                _ = try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "qa", "id": .string(item), "input": "q"])
            }
            var events: [JSONValue] = []
            for (run, accuracy) in [("a", [1.0, 0.0]), ("b", [1.0, 1.0])] {
                for (index, item) in ["i1", "i2"].enumerated() {
                    let trace = "t-\(run)-\(item)"
                    events.append(["id": .string("e-\(trace)"), "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z",
                                   "body": ["id": .string(trace), "output": .string("answer \(run)\(index)")]])
                    events.append(["id": .string("o-\(trace)"), "type": "generation-create", "timestamp": "2024-05-01T12:00:00Z",
                                   "body": ["id": .string("g-\(trace)"), "traceId": .string(trace), "startTime": "2024-05-01T12:00:00Z",
                                            "endTime": "2024-05-01T12:00:02Z", "costDetails": ["total": 0.5]]])
                    events.append(["id": .string("s-\(trace)"), "type": "score-create", "timestamp": "2024-05-01T12:00:03Z",
                                   "body": ["traceId": .string(trace), "name": "accuracy", "value": .number(accuracy[index])]])
                }
            }
            #expect(try await harness.send(client, .post, "/api/public/ingestion", ["batch": .array(events)]).status.code == 207, "traces and scores")
            for run in ["a", "b"] {
                for item in ["i1", "i2"] {
                    let body: JSONValue = ["runName": .string(run), "datasetItemId": .string(item), "traceId": .string("t-\(run)-\(item)")]
                    #expect(try await harness.send(client, .post, "/api/public/dataset-run-items", body).status == .ok, "run item \(run)/\(item)")
                }
            }
            let results = try harness.json(try await harness.send(client, .get, "/api/public/datasets/qa/runs/a/results")).objectValue
            let summary = results?["summary"]?.objectValue
            #expect(summary?["averageScores"] == ["accuracy": 0.5], "run a: average accuracy")
            #expect(summary?["averageLatency"] == 2, "run a: mean latency")
            #expect(summary?["totalCost"] == 1, "run a: total cost")
            let items = results?["items"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(items.compactMap { $0["output"]?.stringValue }.sorted() == ["answer a0", "answer a1"], "each item's trace output")
            #expect(items.allSatisfy { $0["scores"]?.arrayValue?.count == 1 }, "each item's scores")

            let compared = try harness.json(try await harness.send(client, .get, "/api/public/datasets/qa/compare?runs=a,b")).objectValue
            let runs = compared?["runs"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(runs.compactMap { $0["summary"]?.objectValue?["averageScores"] } == [["accuracy": 0.5], ["accuracy": 1]], "both runs' averages")
            let rows = compared?["items"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(rows.compactMap { $0["datasetItemId"]?.stringValue } == ["i1", "i2"], "one row per dataset item")
            #expect(rows.last?["runs"]?.objectValue?["b"]?.objectValue?["output"] == "answer b1", "row i2 carries run b's output")
            #expect(try await harness.send(client, .get, "/api/public/datasets/qa/compare?runs=a").status == .badRequest, "one run: 400")
            #expect(try await harness.send(client, .get, "/api/public/datasets/qa/compare?runs=a,zzz").status == .notFound, "unknown run: 404")
        }
    }
}
