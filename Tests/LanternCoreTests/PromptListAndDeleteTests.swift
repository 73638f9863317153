import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/v2/prompts` and `DELETE /api/public/v2/prompts/{name}`, in process over the real SQLite plugin.
@Suite("Prompt list and delete in process")
struct PromptListAndDeleteTests {
    let harness = APIHarness()

    private func create(_ client: any TestClientProtocol, _ body: JSONValue) async throws {
        #expect(try await harness.send(client, .post, "/api/public/v2/prompts", body).status == .created, "create \(body.jsonText)")
    }

    private func names(_ client: any TestClientProtocol, _ query: String = "") async throws -> [String] {
        let body = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts\(query)")).objectValue
        return body?["data"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? []
    }

    @Test func listsOneRowPerNameWithFilters() async throws {
        try await harness.withServer { client, _ in
            try await create(client, ["name": "greet", "prompt": "v1", "labels": ["production"], "tags": ["team-a"], "config": ["t": 1]])
            try await create(client, ["name": "greet", "prompt": "v2", "labels": ["staging"], "config": ["t": 2]])
            try await create(client, ["name": "folder/chat", "type": "chat", "prompt": [["role": "user", "content": "x"]], "tags": ["team-b"]])
            let body = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts")).objectValue
            let rows = body?["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(rows.compactMap { $0["name"]?.stringValue } == ["folder/chat", "greet"], "one row per name, by name")
            let greet = rows.first { $0["name"] == "greet" }
            #expect(greet?["versions"] == [2, 1], "versions")
            #expect(greet?["labels"] == ["latest", "production", "staging"], "labels of every version")
            #expect(greet?["tags"] == ["team-a"], "tags")
            #expect(greet?["lastConfig"] == ["t": 2], "config of the newest version")
            #expect(greet?["type"] == "text", "type")
            #expect(body?["meta"]?.objectValue?["limit"] == 10, "default limit 10")
            #expect(body?["pagination"] == body?["meta"], "legacy pagination mirrors meta")
            #expect(try await names(client, "?label=production") == ["greet"], "label filter")
            #expect(try await names(client, "?tag=team-b") == ["folder/chat"], "tag filter")
            #expect(try await names(client, "?name=greet") == ["greet"], "name filter")
            #expect(try await names(client, "?limit=1&page=2") == ["greet"], "paging")
            #expect(try await names(client, "?fromUpdatedAt=2999-01-01T00:00:00Z") == [], "fromUpdatedAt")
            #expect(try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts", auth: APIHarness.beta))
                .objectValue?["data"] == [], "another project lists none")
        }
    }

    @Test func deletesVersionsByNumberLabelOrAll() async throws {
        try await harness.withServer { client, _ in
            for text in ["v1", "v2", "v3"] { try await create(client, ["name": "p", "prompt": .string(text), "labels": text == "v1" ? ["production"] : []]) }
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p?version=3").status == .noContent, "delete version 3")
            let latest = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts/p?label=latest")).objectValue
            #expect(latest?["version"] == 2, "latest moved to version 2")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p?label=production").status == .noContent, "delete by label")
            #expect(try await harness.send(client, .get, "/api/public/v2/prompts/p?version=1").status == .notFound, "version 1 is gone")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p?version=7").status == .notFound, "missing version: 404")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p?version=2&label=latest").status == .badRequest, "both: 400")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p", auth: APIHarness.beta).status == .notFound,
                    "another project cannot delete it")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/p").status == .noContent, "delete every version")
            #expect(try await names(client) == [], "no prompt left")
        }
    }
}

/// `GET /api/public/v2/prompts/{name}/versions/{version}/generations`: the generations made from one prompt version.
@Suite("Generations of a prompt version in process")
struct PromptGenerationsTests {
    let harness = APIHarness()

    @Test func listsTheLinkedGenerationsWithTheirFiguresAndScores() async throws {
        try await harness.withServer { client, _ in
            for text in ["v1", "v2"] {
                _ = try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "qa", "prompt": .string(text)])
            }
            func generation(_ id: String, version: Int) -> JSONValue {
                ["id": .string("e-\(id)"), "type": "generation-create", "timestamp": "2024-05-01T12:00:00Z", "body": [
                    "id": .string(id), "traceId": "t1", "name": "answer", "startTime": "2024-05-01T12:00:00Z", "endTime": "2024-05-01T12:00:02.5Z",
                    "model": "gpt-4o", "promptName": "qa", "promptVersion": .number(Double(version)),
                    "usageDetails": ["input": 10, "output": 5], "costDetails": ["total": 0.25],
                ]]
            }
            let batch = try await harness.send(client, .post, "/api/public/ingestion", ["batch": [generation("g1", version: 2), generation("g2", version: 1)]])
            #expect(batch.status.code == 207, "ingest two generations")
            #expect(try await harness.send(client, .post, "/api/public/scores", ["traceId": "t1", "observationId": "g1", "name": "good", "value": 1]).status == .ok,
                    "score the v2 generation")
            let body = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts/qa/versions/2/generations")).objectValue
            let rows = body?["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(rows.compactMap { $0["id"]?.stringValue } == ["g1"], "only the version-2 generation")
            let row = rows.first
            #expect(row?["latency"] == 2.5, "latency")
            #expect(row?["usageDetails"]?.objectValue?["input"] == 10, "usage")
            #expect(row?["calculatedTotalCost"] == 0.25, "cost")
            #expect(row?["promptId"]?.stringValue?.isEmpty == false, "linked prompt id")
            #expect(row?["scores"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } == ["good"], "its scores")
            #expect(try await harness.send(client, .get, "/api/public/v2/prompts/qa/versions/9/generations").status == .notFound, "missing version: 404")
        }
    }
}
