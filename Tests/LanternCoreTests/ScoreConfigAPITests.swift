import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Score configs and scores checked against them, in process over the real SQLite plugin.
@Suite("Score configs in process")
struct ScoreConfigAPITests {
    let harness = APIHarness()

    private func create(_ client: any TestClientProtocol, _ body: JSONValue) async throws -> [String: JSONValue] {
        let response = try await harness.send(client, .post, "/api/public/score-configs", body)
        #expect(response.status == .ok, "create config \(body.jsonText)")
        return try harness.json(response).objectValue ?? [:]
    }

    @Test func configsAreCreatedListedAndArchived() async throws {
        try await harness.withServer { client, _ in
            let numeric = try await create(client, ["name": "quality", "dataType": "NUMERIC", "minValue": 0, "maxValue": 1])
            #expect(numeric["isArchived"] == false, "isArchived defaults to false")
            #expect(numeric["minValue"] == 0 && numeric["maxValue"] == 1, "range")
            let boolean = try await create(client, ["name": "correct", "dataType": "BOOLEAN"])
            #expect(boolean["categories"] == [["label": "True", "value": 1], ["label": "False", "value": 0]], "BOOLEAN categories are filled in")
            let list = try harness.json(try await harness.send(client, .get, "/api/public/score-configs")).objectValue
            #expect(list?["meta"]?.objectValue?["totalItems"] == 2, "meta.totalItems")
            let id = numeric["id"]?.stringValue ?? ""
            let patched = try await harness.send(client, .patch, "/api/public/score-configs/\(id)", ["isArchived": true, "description": "old"])
            #expect(try harness.json(patched).objectValue?["isArchived"] == true, "archived by PATCH")
            #expect(try harness.json(try await harness.send(client, .get, "/api/public/score-configs/\(id)")).objectValue?["description"] == "old",
                    "GET by id shows the patch")
            #expect(try await harness.send(client, .get, "/api/public/score-configs/\(id)", auth: APIHarness.beta).status == .notFound,
                    "another project cannot read it")
            #expect(try await harness.send(client, .get, "/api/public/score-configs/missing").status == .notFound, "unknown id: 404")
        }
    }

    @Test func invalidConfigsNameTheRule() async throws {
        try await harness.withServer { client, _ in
            let cases: [(JSONValue, String)] = [
                (["dataType": "NUMERIC"], "name"),
                (["name": "way too long for a score config name, really", "dataType": "NUMERIC"], "name"),
                (["name": "bad/name", "dataType": "NUMERIC"], "name"),
                (["name": "q", "dataType": "CORRECTION"], "dataType"),
                (["name": "q"], "dataType"),
                (["name": "q", "dataType": "NUMERIC", "minValue": 5, "maxValue": 1], "maxValue"),
                (["name": "q", "dataType": "CATEGORICAL"], "categories"),
                (["name": "q", "dataType": "CATEGORICAL", "categories": [["label": "a", "value": 1], ["label": "a", "value": 2]]], "categories"),
                (["name": "q", "dataType": "BOOLEAN", "categories": [["label": "yes", "value": 1]]], "categories"),
                (["name": "q", "dataType": "TEXT", "minValue": 1], "minValue"),
            ]
            for (body, field) in cases {
                let response = try await harness.send(client, .post, "/api/public/score-configs", body)
                #expect(response.status == .badRequest, "status for \(body.jsonText)")
                let message = try harness.json(response).objectValue?["message"]?.stringValue ?? ""
                #expect(message.contains(field), "the message for \(body.jsonText) names \(field): \(message)")
            }
        }
    }

    @Test func scoresAreCheckedAgainstTheirConfig() async throws {
        try await harness.withServer { client, _ in
            let numeric = try await create(client, ["name": "quality", "dataType": "NUMERIC", "minValue": 0, "maxValue": 1])["id"]?.stringValue ?? ""
            let categorical = try await create(client, ["name": "tone", "dataType": "CATEGORICAL",
                                                        "categories": [["label": "calm", "value": 2], ["label": "angry", "value": -1]]])["id"]?.stringValue ?? ""
            func post(_ body: JSONValue) async throws -> (HTTPResponse.Status, String) {
                let response = try await harness.send(client, .post, "/api/public/scores", body)
                return (response.status, try harness.json(response).objectValue?["message"]?.stringValue ?? "")
            }
            #expect(try await post(["traceId": "t", "name": "quality", "value": 0.5, "configId": .string(numeric)]).0 == .ok, "a fitting score")
            let above = try await post(["traceId": "t", "name": "quality", "value": 1.5, "configId": .string(numeric)])
            #expect(above.0 == .badRequest && above.1.contains("above maxValue"), "range rule: \(above.1)")
            let renamed = try await post(["traceId": "t", "name": "other", "value": 0.5, "configId": .string(numeric)])
            #expect(renamed.0 == .badRequest && renamed.1.contains("does not match the config's name"), "name rule: \(renamed.1)")
            let typed = try await post(["traceId": "t", "name": "quality", "value": "x", "configId": .string(numeric)])
            #expect(typed.0 == .badRequest && typed.1.contains("dataType"), "type rule: \(typed.1)")
            let label = try await post(["id": "cat-1", "traceId": "t", "name": "tone", "value": "calm", "configId": .string(categorical)])
            #expect(label.0 == .ok, "a known category")
            let stored = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores/cat-1")).objectValue
            #expect(stored?["value"] == 2, "a categorical score takes its category's value")
            let unknownLabel = try await post(["traceId": "t", "name": "tone", "value": "bored", "configId": .string(categorical)])
            #expect(unknownLabel.0 == .badRequest && unknownLabel.1.contains("not one of the categories"), "category rule: \(unknownLabel.1)")
            let missing = try await post(["traceId": "t", "name": "quality", "value": 0.5, "configId": "nope"])
            #expect(missing.0 == .notFound, "unknown config: 404")
            _ = try await harness.send(client, .patch, "/api/public/score-configs/\(numeric)", ["isArchived": true])
            let archived = try await post(["traceId": "t", "name": "quality", "value": 0.5, "configId": .string(numeric)])
            #expect(archived.0 == .badRequest && archived.1.contains("archived"), "archived config: \(archived.1)")
            let batch = try await harness.send(client, .post, "/api/public/ingestion", ["batch": [
                ["id": "ev-1", "type": "score-create", "timestamp": "2024-05-01T12:00:00Z",
                 "body": ["traceId": "t", "name": "tone", "value": "bored", "configId": .string(categorical)]],
            ]])
            let errors = try harness.json(batch).objectValue?["errors"]?.arrayValue
            #expect(errors?.first?.objectValue?["status"] == 400, "ingestion score-create is checked too")
        }
    }
}
