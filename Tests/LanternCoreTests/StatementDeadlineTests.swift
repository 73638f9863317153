import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// A read that runs past the SQLite storage's `statementTimeoutMs` is interrupted and answered 422 with a message
/// naming the setting and how to narrow the query, promptly and without hanging the connection; ingestion (writes,
/// which have no deadline) and cheap reads go on working.
@Suite("Statement deadline")
struct StatementDeadlineTests {
    let harness = APIHarness()

    @Test(.timeLimit(.minutes(2)))
    func aSlowMetricsQueryIsStoppedWith422() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let runtime = try LanternRuntime.prepare(configPath: try workspace.sqliteConfig(storageSettings: "statementTimeoutMs: 1"))
        try await runtime.whileRunning {
            let app = Application(router: try LanternServer.router(for: runtime))
            try await app.test(.router) { client in
                let now = Date()
                for batch in 0..<4 {
                    let events: [JSONValue] = (0..<2_500).map { index in
                        let id = "o-\(batch)-\(index)", start = ISO8601Timestamp.format(now.addingTimeInterval(-Double(index)))
                        return ["id": .string("e-\(id)"), "type": "span-create", "timestamp": .string(start),
                                "body": ["id": .string(id), "traceId": .string("t-\(batch)-\(index % 50)"), "name": .string("step-\(index % 7)"),
                                         "startTime": .string(start), "endTime": .string(ISO8601Timestamp.format(now))]]
                    }
                    let written = try await harness.post(client, "/api/public/ingestion", ["batch": .array(events)], auth: APIHarness.alpha)
                    #expect(written.status.code == 207, "writes have no deadline")
                }
                let query: JSONValue = [
                    "view": "observations", "dimensions": [["field": "name"]],
                    "metrics": [["measure": "latency", "aggregation": "p99"], ["measure": "latency", "aggregation": "histogram"]],
                    "fromTimestamp": .string(ISO8601Timestamp.format(now.addingTimeInterval(-86_400))), "toTimestamp": .string(ISO8601Timestamp.format(now.addingTimeInterval(60))),
                ]
                let text = query.jsonText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let started = ContinuousClock.now
                let slow = try await harness.get(client, "/api/public/v2/metrics?query=\(text)", auth: APIHarness.alpha)
                let body = String(buffer: slow.body)
                #expect(slow.status == .unprocessableContent && body.contains("statementTimeoutMs") && body.contains("narrow"), "\(slow.status): \(body)")
                #expect(ContinuousClock.now - started < .seconds(5), "stopped promptly, not run to the end")
                let health = try await harness.get(client, "/api/public/health", auth: APIHarness.alpha)
                #expect(health.status == .ok, "the server goes on serving")
            }
        }
    }

    /// PostgreSQL's `statement_timeout` (`statementTimeoutMs`) cancels a slow read, which leaves the storage as
    /// ``StorageError/tooSlow(_:)`` (the kernel's 422), not "unavailable".
    @Test(.enabled(if: PostgresConformanceTests.url != nil || PostgresConformanceTests.required,
                   "SKIPPED: needs LANTERN_TEST_POSTGRES_URL (scripts/postgres-start prints one)"))
    func postgresStatementTimeoutIsTooSlow() async throws {
        let url = try #require(PostgresConformanceTests.url, "LANTERN_REQUIRE_POSTGRES=1 but LANTERN_TEST_POSTGRES_URL is not set")
        let project = "deadline-\(UUID().uuidString.prefix(8))"
        let writer = try await StorageUnderTest.start("libPostgresStorage.so", type: "postgres", settings: ["url": .string(url)],
                                                      configDirectory: NSTemporaryDirectory())
        let now = Date()
        let events = (0..<20_000).map { index -> IngestionEvent in
            var update = TraceUpdate(id: "t-\(index)")
            update.timestamp = now
            update.input = .string("a question that does not hold the searched word, number \(index)")
            return IngestionEvent(id: "e-\(index)", timestamp: now, payload: .trace(update))
        }
        _ = try await writer.write(events, projectID: project)
        await writer.shutdown()
        let reader = try await StorageUnderTest.start("libPostgresStorage.so", type: "postgres",
                                                      settings: ["url": .string(url), "statementTimeoutMs": 1],
                                                      configDirectory: NSTemporaryDirectory())
        var query = TraceQuery()
        query.search = TraceSearch(text: "needle", scopes: [.input, .output])
        await #expect(throws: StorageError.tooSlow("PostgreSQL's statement_timeout, the storage setting statementTimeoutMs")) {
            _ = try await reader.traces(projectID: project, query: query)
        }
        await reader.shutdown()
    }
}
