import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/traces/{id}?fields=…` as Langfuse answers it: excluded lists are empty, excluded io is null,
/// excluded metrics are -1; an unknown group is a 400 naming it.
@Suite("Trace field groups")
struct TraceFieldsAPITests {
    let harness = APIHarness()

    @Test func fieldGroupsLeaveOutWhatIsNotAskedFor() async throws {
        try await harness.withServer { client, _ in
            let now = ISO8601Timestamp.format(Date())
            let batch: JSONValue = ["batch": [
                ["id": "e1", "type": "trace-create", "timestamp": .string(now), "body": ["id": "t-f", "name": "fields", "input": "question"]],
                ["id": "e2", "type": "span-create", "timestamp": .string(now), "body": ["id": "o-f", "traceId": "t-f", "startTime": .string(now)]],
                ["id": "e3", "type": "score-create", "timestamp": .string(now), "body": ["id": "s-f", "traceId": "t-f", "name": "q", "value": 1]],
            ]]
            #expect(try await harness.post(client, "/api/public/ingestion", batch, auth: APIHarness.alpha).status.code == 207)
            let full = try harness.json(try await harness.get(client, "/api/public/traces/t-f", auth: APIHarness.alpha)).objectValue
            #expect(full?["observations"]?.arrayValue?.count == 1 && full?["scores"]?.arrayValue?.count == 1 && full?["input"] == "question")
            let core = try harness.json(try await harness.get(client, "/api/public/traces/t-f?fields=core", auth: APIHarness.alpha)).objectValue
            #expect(core?["name"] == "fields" && core?["observations"]?.arrayValue?.isEmpty == true && core?["scores"]?.arrayValue?.isEmpty == true)
            #expect(core?["input"] == .null && core?["totalCost"] == -1 && core?["latency"] == -1)
            let some = try harness.json(try await harness.get(client, "/api/public/traces/t-f?fields=io,scores", auth: APIHarness.alpha)).objectValue
            #expect(some?["input"] == "question" && some?["scores"]?.arrayValue?.count == 1 && some?["observations"]?.arrayValue?.isEmpty == true)
            let bad = try await harness.get(client, "/api/public/traces/t-f?fields=core,bodies", auth: APIHarness.alpha)
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("bodies"))
        }
    }
}
