import Foundation
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/v2/scores[/{id}]` and `DELETE /api/public/scores/{id}`, in process over the real SQLite plugin.
@Suite("Score list, lookup and deletion in process")
struct ScoreQueryAPITests {
    let harness = APIHarness()

    private func seed(_ client: any TestClientProtocol) async throws {
        let traces: JSONValue = ["batch": [
            ["id": "e1", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z",
             "body": ["id": "t1", "userId": "alice", "tags": ["prod"], "sessionId": "sess-1", "environment": "production"]],
        ]]
        #expect(try await harness.send(client, .post, "/api/public/ingestion", traces).status.code == 207, "seed trace")
        let scores = try await harness.send(client, .post, "/api/public/scores", [
            ["id": "s1", "traceId": "t1", "name": "quality", "value": 0.9, "timestamp": "2024-05-01T12:00:01Z"],
            ["id": "s2", "traceId": "t1", "name": "tone", "value": "calm", "dataType": "CATEGORICAL", "timestamp": "2024-05-01T12:00:02Z"],
            ["id": "s3", "sessionId": "sess-1", "name": "quality", "value": 0.2, "timestamp": "2024-05-01T12:00:03Z"],
        ])
        #expect(scores.status == .accepted, "seed scores")
    }

    @Test func listFiltersAndCarriesTheTrace() async throws {
        try await harness.withServer { client, _ in
            try await seed(client)
            let all = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores")).objectValue
            #expect(all?["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["s3", "s2", "s1"], "data: newest first")
            #expect(all?["meta"]?.objectValue?["totalItems"] == 3, "meta.totalItems")
            let first = all?["data"]?.arrayValue?.last?.objectValue
            #expect(first?["trace"] == ["userId": "alice", "tags": ["prod"], "environment": "production", "sessionId": "sess-1"], "data[].trace")
            #expect(all?["data"]?.arrayValue?.first?.objectValue?["trace"] == .null, "a session score has trace: null")
            let filtered = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores?name=quality&operator=%3E%3D&value=0.5"))
            #expect(filtered.objectValue?["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["s1"], "name + value >= 0.5")
            let byUser = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores?userId=alice&dataType=CATEGORICAL"))
            #expect(byUser.objectValue?["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["s2"], "userId + dataType")
            let other = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores", auth: APIHarness.beta))
            #expect(other.objectValue?["meta"]?.objectValue?["totalItems"] == 0, "another project sees no scores")
        }
    }

    @Test func badParametersAreNamed() async throws {
        try await harness.withServer { client, _ in
            for (query, named) in [("operator=%3E", "value"), ("operator=~&value=1", "operator"), ("value=1", "operator"),
                                   ("dataType=NUMBER", "dataType"), ("source=HUMAN", "source"), ("fromTimestamp=yesterday", "fromTimestamp"),
                                   ("limit=0", "limit")] {
                let response = try await harness.send(client, .get, "/api/public/v2/scores?\(query)")
                #expect(response.status == .badRequest, "status for \(query)")
                let message = try harness.json(response).objectValue?["message"]?.stringValue ?? ""
                #expect(message.contains(named), "the message for \(query) names \(named): \(message)")
            }
        }
    }

    @Test func getAndDeleteById() async throws {
        try await harness.withServer { client, _ in
            try await seed(client)
            let session = try harness.json(try await harness.send(client, .get, "/api/public/v2/scores/s3")).objectValue
            #expect(session?["sessionId"] == "sess-1", "sessionId")
            #expect(session?["value"] == 0.2, "value")
            #expect(try await harness.send(client, .get, "/api/public/v2/scores/s3", auth: APIHarness.beta).status == .notFound,
                    "another project's score is not found")
            #expect(try await harness.send(client, .delete, "/api/public/scores/s1", auth: APIHarness.beta).status == .notFound,
                    "another project cannot delete it")
            #expect(try await harness.send(client, .delete, "/api/public/scores/s1").status == .noContent, "delete: 204")
            #expect(try await harness.send(client, .delete, "/api/public/scores/s1").status == .notFound, "delete again: 404")
            #expect(try await harness.send(client, .get, "/api/public/v2/scores/s1").status == .notFound, "deleted score is gone")
            let trace = try harness.json(try await harness.send(client, .get, "/api/public/traces/t1")).objectValue
            #expect(trace?["scores"]?.arrayValue?.count == 1, "the trace keeps its other score")
        }
    }
}
