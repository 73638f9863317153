import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/v3/scores`, `GET /api/public/experiments` and `GET /api/public/experiment-items`, and the score
/// rules of `POST /api/public/scores`, in process.
@Suite("v3 scores, experiments and score rules in process")
struct ScoreV3AndExperimentAPITests {
    let harness = APIHarness()

    private func json(_ client: any TestClientProtocol, _ path: String) async throws -> [String: JSONValue] {
        let response = try await harness.send(client, .get, path)
        #expect(response.status == .ok, "GET \(path)")
        return try harness.json(response).objectValue ?? [:]
    }

    @Test func v3ScoresAreTypedPagedAndGrouped() async throws {
        try await harness.withServer { client, _ in
            let scores: JSONValue = [
                ["id": "n1", "traceId": "t1", "name": "accuracy", "value": 0.5, "comment": "ok"],
                ["id": "n2", "traceId": "t1", "observationId": "o1", "name": "accuracy", "value": 0.9],
                ["id": "b1", "traceId": "t2", "name": "passed", "value": 1, "dataType": "BOOLEAN"],
                ["id": "c1", "sessionId": "s1", "name": "tone", "value": "calm"],
            ]
            #expect(try await harness.send(client, .post, "/api/public/scores", scores).status.code == 202, "scores stored")
            var ids: [String] = [], cursor: String?, pages = 0
            repeat {
                let body = try await json(client, "/api/public/v3/scores?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                ids += body["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
                cursor = body["meta"]?.objectValue?["cursor"]?.stringValue
                #expect(body["meta"]?.objectValue?["limit"] == 3, "meta.limit")
                pages += 1
            } while cursor != nil && pages < 5
            #expect(Set(ids) == ["n1", "n2", "b1", "c1"] && ids.count == 4 && pages == 2, "every score once over two pages: \(ids)")

            let boolean = try await json(client, "/api/public/v3/scores?dataType=boolean&fields=subject")
            let first = boolean["data"]?.arrayValue?.first?.objectValue
            #expect(first?["value"] == true, "a BOOLEAN value is a boolean")
            #expect(first?["subject"] == ["kind": "trace", "id": "t2"], "subject of a trace score")
            #expect(first?["comment"] == nil, "details not requested")
            let observation = try await json(client, "/api/public/v3/scores?traceId=t1&observationId=o1&fields=subject,details")
            #expect(observation["data"]?.arrayValue?.first?.objectValue?["subject"] == ["kind": "observation", "id": "o1", "traceId": "t1"],
                    "subject of an observation score")
            let categorical = try await json(client, "/api/public/v3/scores?sessionId=s1")
            #expect(categorical["data"]?.arrayValue?.first?.objectValue?["value"] == "calm", "a CATEGORICAL value is its label")
            let above = try await json(client, "/api/public/v3/scores?dataType=NUMERIC&valueMin=0.6")
            #expect(above["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["n2"], "valueMin")

            for (query, part) in [("fields=everything", "fields"), ("limit=500", "limit"), ("observationId=o1", "observationId"),
                                  ("valueMin=1", "valueMin"), ("cursor=bm9wZQ", "cursor"), ("traceId=t1&sessionId=s1", "mutually exclusive")] {
                let response = try await harness.send(client, .get, "/api/public/v3/scores?\(query)")
                #expect(response.status == .badRequest, "\(query): 400")
                #expect(try harness.json(response).objectValue?["message"]?.stringValue?.contains(part) == true, "\(query): names \(part)")
            }
        }
    }

    @Test func v2ScoreFieldGroups() async throws {
        try await harness.withServer { client, _ in
            _ = try await harness.send(client, .post, "/api/public/scores", ["id": "s1", "traceId": "t1", "name": "accuracy", "value": 1])
            let scoreOnly = try await json(client, "/api/public/v2/scores?fields=score")
            #expect(scoreOnly["data"]?.arrayValue?.first?.objectValue?.keys.contains("trace") == false, "no trace group")
            let both = try await json(client, "/api/public/v2/scores")
            #expect(both["data"]?.arrayValue?.first?.objectValue?.keys.contains("trace") == true, "both groups by default")
            _ = try await harness.send(client, .post, "/api/public/scores", ["id": "m1", "traceId": "t1", "name": "tagged", "value": 1,
                                                                            "metadata": ["user_id": "abc123"]])
            _ = try await harness.send(client, .post, "/api/public/scores", ["id": "m2", "traceId": "t1", "name": "tagged", "value": 2,
                                                                            "metadata": ["user_id": "ABC999"]])
            func ids(_ filter: JSONValue) async throws -> [String] {
                let encoded = filter.jsonText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let body = try await json(client, "/api/public/v2/scores?filter=\(encoded)")
                return body["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue }.sorted() ?? []
            }
            #expect(try await ids([["type": "stringObject", "column": "metadata", "key": "user_id", "operator": "=", "value": "abc123"]]) == ["m1"],
                    "metadata equals")
            #expect(try await ids([["type": "stringObject", "column": "metadata", "key": "user_id", "operator": "starts with", "value": "abc"]]) == ["m1"],
                    "metadata starts with, case-sensitive")
            #expect(try await ids([["type": "number", "column": "value", "operator": ">", "value": 1.5]]) == ["m2"], "value above 1.5")
            for (query, part) in [("fields=score&userId=u", "needs the 'trace' field group"), ("fields=colors", "unknown field group"),
                                  ("filter=%5B%7B%22column%22%3A%22colour%22%2C%22operator%22%3A%22%3D%22%2C%22value%22%3A%22red%22%7D%5D", "colour")] {
                let response = try await harness.send(client, .get, "/api/public/v2/scores?\(query)")
                #expect(response.status == .badRequest, "\(query): 400")
                #expect(try harness.json(response).objectValue?["message"]?.stringValue?.contains(part) == true, "\(query): names \(part)")
            }
        }
    }

    @Test func experimentsAndTheirItems() async throws {
        try await harness.withServer { client, _ in
            _ = try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "qa"])
            for item in ["i1", "i2"] {
                _ = try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "qa", "id": .string(item), "expectedOutput": "yes"])
            }
            let events: [JSONValue] = ["t-a", "t-b"].map { trace in
                ["id": .string("e-\(trace)"), "type": "trace-create", "timestamp": "2026-06-01T12:00:00Z",
                 "body": ["id": .string(trace), "input": "q", "output": "a"]]
            }
            _ = try await harness.send(client, .post, "/api/public/ingestion", ["batch": .array(events)])
            for (item, trace) in [("i1", "t-a"), ("i2", "t-b")] {
                _ = try await harness.send(client, .post, "/api/public/dataset-run-items",
                                           ["runName": "exp-1", "datasetItemId": .string(item), "traceId": .string(trace), "metadata": ["m": 1]])
            }
            let from = "fromStartTime=2020-01-01T00:00:00Z"
            let experiments = try await json(client, "/api/public/experiments?\(from)&fields=metadata")
            let experiment = experiments["data"]?.arrayValue?.first?.objectValue
            #expect(experiment?["name"] == "exp-1" && experiment?["itemCount"] == 2, "the run as an experiment with its items")
            #expect(experiment?["metadata"] == ["m": 1], "metadata group")
            let items = try await json(client, "/api/public/experiment-items?\(from)&fields=io,dataset&limit=1")
            let item = items["data"]?.arrayValue?.first?.objectValue
            #expect(item?["experimentName"] == "exp-1" && item?["expectedOutput"] == "yes" && item?["output"] == "a", "an item with io")
            #expect(items["meta"]?.objectValue?["cursor"]?.stringValue != nil, "a cursor to the second item")
            #expect(try await harness.send(client, .get, "/api/public/experiments").status == .badRequest, "fromStartTime is required")
            let later = try await json(client, "/api/public/experiments?fromStartTime=2999-01-01T00:00:00Z")
            #expect(later["data"]?.arrayValue?.isEmpty == true, "nothing after the range start")
        }
    }

    @Test func scoreRulesAreCheckedNamingTheRule() async throws {
        try await harness.withServer { client, _ in
            let cases: [(JSONValue, String)] = [
                (["traceId": "t", "name": "x", "value": "", "dataType": "TEXT"], "TEXT score is 1 to 500"),
                (["traceId": "t", "name": "x", "value": .string(String(repeating: "w", count: 501)), "dataType": "TEXT"], "TEXT score is 1 to 500"),
                (["sessionId": "s", "name": "x", "value": "fixed", "dataType": "CORRECTION"], "CORRECTION score targets a trace"),
                (["traceId": "t", "name": "x", "value": 1, "source": "ANNOTATION"], "ANNOTATION score needs a configId"),
                (["traceId": "t", "name": "x", "value": 1, "source": "EVAL"], "body.source"),
                (["traceId": "t", "name": "x", "value": 1, "source": "ROBOT"], "body.source"),
            ]
            for (body, message) in cases {
                let response = try await harness.send(client, .post, "/api/public/scores", body)
                #expect(response.status == .badRequest, "\(body.jsonText): 400")
                #expect(try harness.json(response).objectValue?["message"]?.stringValue?.contains(message) == true, "\(body.jsonText): \(message)")
            }
            let huge = try await harness.send(client, .post, "/api/public/scores", ["traceId": "t", "name": "big", "value": 1e19, "dataType": "CATEGORICAL"])
            #expect(huge.status == .ok, "a huge CATEGORICAL number is stored as its text, without trapping")
            let label = try await harness.send(client, .post, "/api/public/scores", ["id": "lbl", "traceId": "t", "name": "tone", "value": "calm"])
            #expect(label.status == .ok, "a categorical label")
            let read = try await json(client, "/api/public/v2/scores/lbl")
            #expect(read["value"] == 0 && read["stringValue"] == "calm", "a categorical label without config has value 0")
        }
    }
}
