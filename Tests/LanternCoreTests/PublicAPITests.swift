import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import LanternCore
import LanternPluginSDK

/// In-process HTTP tests of the public API over the real SQLite plugin.
@Suite("Public API in process")
struct PublicAPITests {
    let alpha = APIHarness.alpha
    let beta = APIHarness.beta
    let harness = APIHarness()

    func withServer(extraPlugins: String = "", _ body: @escaping @Sendable (any TestClientProtocol, TestWorkspace) async throws -> Void) async throws {
        try await harness.withServer(extraPlugins: extraPlugins, body)
    }
    func json(_ response: TestResponse) throws -> JSONValue { try harness.json(response) }
    func post(_ client: any TestClientProtocol, _ path: String, _ body: JSONValue, auth: String) async throws -> TestResponse {
        try await harness.post(client, path, body, auth: auth)
    }
    func get(_ client: any TestClientProtocol, _ path: String, auth: String) async throws -> TestResponse {
        try await harness.get(client, path, auth: auth)
    }

    @Test func healthNeedsNoPluginsAndNoAuth() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let runtime = try LanternRuntime.prepare(configPath: try workspace.write("empty.yaml", "version: 1\n"))
        #expect(runtime.components.isEmpty)
        try await Application(router: try LanternServer.router(for: runtime)).test(.router) { client in
            let health = try await client.execute(uri: "/api/public/health", method: .get)
            #expect(health.status == .ok)
            #expect(try json(health).objectValue?["status"] == "OK")
            let traces = try await get(client, "/api/public/traces", auth: alpha)
            #expect(traces.status == .serviceUnavailable)
        }
    }

    @Test func ingestsAndReadsBackATraceScopedToItsProject() async throws {
        try await withServer { client, _ in
            let batch: JSONValue = ["batch": [
                ["id": "e1", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z",
                 "body": ["id": "t1", "name": "chat", "userId": "u1", "sessionId": "s1", "tags": ["b", "a"], "output": "hello"]],
                ["id": "e2", "type": "generation-create", "timestamp": "2024-05-01T12:00:01Z",
                 "body": ["id": "g1", "traceId": "t1", "model": "gpt-4o", "startTime": "2024-05-01T12:00:01Z",
                          "endTime": "2024-05-01T12:00:03.500Z", "usageDetails": ["input": 3, "output": 4], "costDetails": ["total": 0.25]]],
                ["id": "e3", "type": "score-create", "timestamp": "2024-05-01T12:00:04Z",
                 "body": ["id": "sc1", "traceId": "t1", "name": "quality", "value": 0.9]],
                ["id": "e4", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z", "body": ["name": 5]],
            ]]
            let response = try await post(client, "/api/public/ingestion", batch, auth: alpha)
            #expect(response.status.code == 207)
            let result = try json(response).objectValue
            #expect(result?["successes"]?.arrayValue?.count == 3)
            #expect(result?["errors"]?.arrayValue?.first?.objectValue?["id"] == "e4")

            let detail = try json(try await get(client, "/api/public/traces/t1", auth: alpha)).objectValue
            #expect(detail?["name"] == "chat")
            #expect(detail?["tags"] == ["a", "b"])
            #expect(detail?["latency"] == 2.5)
            #expect(detail?["totalCost"] == 0.25)
            #expect(detail?["observations"]?.arrayValue?.first?.objectValue?["usageDetails"] == ["input": 3, "output": 4, "total": 7])
            #expect(detail?["scores"]?.arrayValue?.first?.objectValue?["value"] == 0.9)

            let list = try json(try await get(client, "/api/public/traces?userId=u1&tags=a", auth: alpha)).objectValue
            #expect(list?["meta"]?.objectValue?["totalItems"] == 1)
            #expect(try await get(client, "/api/public/sessions/s1", auth: alpha).status == .ok)

            #expect(try await get(client, "/api/public/traces/t1", auth: beta).status == .notFound)
            let betaList = try json(try await get(client, "/api/public/traces", auth: beta)).objectValue
            #expect(betaList?["data"]?.arrayValue?.isEmpty == true)
            let projects = try json(try await get(client, "/api/public/projects", auth: beta)).objectValue
            #expect(projects?["data"]?.arrayValue?.first?.objectValue?["name"] == "beta")
        }
    }

    @Test func authFailuresAnswer401WithAMessage() async throws {
        try await withServer { client, _ in
            let missing = try await client.execute(uri: "/api/public/traces", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(try json(missing).objectValue?["message"] == "No authorization header")
            let wrong = try await get(client, "/api/public/traces", auth: APIHarness.basic("pk-lf-alpha", "sk-lf-beta"))
            #expect(wrong.status == .unauthorized)
            #expect(try json(wrong).objectValue?["message"] == "Invalid credentials. Confirm that you've configured the correct host.")
        }
    }

    @Test func badBodiesAnswer4xxAndTheServerKeepsServing() async throws {
        try await withServer { client, _ in
            let malformed = try await client.execute(uri: "/api/public/ingestion", method: .post,
                                                     headers: [.authorization: alpha], body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest)
            #expect(try await post(client, "/api/public/ingestion", ["batch": "no"], auth: alpha).status == .badRequest)
            let huge = ByteBuffer(string: "{\"batch\": [\"" + String(repeating: "x", count: 5_000_000) + "\"]}")
            let tooLarge = try await client.execute(uri: "/api/public/ingestion", method: .post, headers: [.authorization: alpha], body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await get(client, "/api/public/traces?limit=500", auth: alpha).status == .badRequest)
            #expect(try await client.execute(uri: "/api/public/health", method: .get).status == .ok)
        }
    }

    @Test func exportersReceiveCommittedEvents() async throws {
        try await withServer(extraPlugins: "  audit-file: { load: FixturePlugin, component: file-exporter, settings: { path: exported.txt } }") { client, workspace in
            let batch: JSONValue = ["batch": [["id": "exp-1", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z", "body": ["id": "tx"]]]]
            #expect(try await post(client, "/api/public/ingestion", batch, auth: alpha).status.code == 207)
            let exported = try await workspace.lines(of: "exported.txt", atLeast: 1)
            #expect(exported.contains { $0.contains("exp-1") }, "the exporter wrote the committed event: \(exported)")
        }
    }
}
