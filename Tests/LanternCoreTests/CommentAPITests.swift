import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `POST/GET /api/public/comments` and `GET /api/public/comments/{id}`, in process over the real SQLite plugin.
@Suite("Comments in process")
struct CommentAPITests {
    let harness = APIHarness()

    @Test func commentsAttachToExistingObjectsAndList() async throws {
        try await harness.withServer { client, _ in
            let batch: JSONValue = ["batch": [["id": "e1", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z",
                                               "body": ["id": "t1", "sessionId": "s1"]]]]
            #expect(try await harness.send(client, .post, "/api/public/ingestion", batch).status.code == 207, "seed a trace")
            let created = try await harness.send(client, .post, "/api/public/comments",
                                                 ["objectType": "TRACE", "objectId": "t1", "content": "Needs a look", "authorUserId": "ann"])
            #expect(created.status == .ok, "create on a trace")
            let id = try harness.json(created).objectValue?["id"]?.stringValue ?? ""
            #expect(try await harness.send(client, .post, "/api/public/comments", ["objectType": "session", "objectId": "s1", "content": "ok"]).status == .ok,
                    "create on a session (type case-insensitive)")
            let one = try harness.json(try await harness.send(client, .get, "/api/public/comments/\(id)")).objectValue
            #expect(one?["content"] == "Needs a look" && one?["authorUserId"] == "ann" && one?["objectType"] == "TRACE", "GET by id")
            let list = try harness.json(try await harness.send(client, .get, "/api/public/comments?objectType=TRACE&objectId=t1")).objectValue
            #expect(list?["data"]?.arrayValue?.count == 1, "filtered list")
            #expect(list?["meta"]?.objectValue?["totalItems"] == 1, "meta.totalItems")
            #expect(try await harness.send(client, .get, "/api/public/comments/\(id)", auth: APIHarness.beta).status == .notFound,
                    "another project cannot read it")
        }
    }

    @Test func badCommentsAreRefusedNamingTheField() async throws {
        try await harness.withServer { client, _ in
            let cases: [(JSONValue, Int, String)] = [
                (["objectType": "DATASET", "objectId": "x", "content": "c"], 400, "objectType"),
                (["objectType": "TRACE", "content": "c"], 400, "objectId"),
                (["objectType": "TRACE", "objectId": "x", "content": ""], 400, "content"),
                (["objectType": "TRACE", "objectId": "x", "content": .string(String(repeating: "a", count: 5001))], 400, "content"),
                (["objectType": "TRACE", "objectId": "x", "content": "c", "projectId": "someone-else"], 400, "projectId"),
                (["objectType": "TRACE", "objectId": "missing", "content": "c"], 404, "missing"),
            ]
            for (body, status, named) in cases {
                let response = try await harness.send(client, .post, "/api/public/comments", body)
                #expect(Int(response.status.code) == status, "status for \(body.jsonText.prefix(80))")
                let message = try harness.json(response).objectValue?["message"]?.stringValue ?? ""
                #expect(message.contains(named), "message names \(named): \(message)")
            }
        }
    }
}
