import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/v2/observations`: keyset pagination and field groups, in process.
@Suite("v2 observations in process")
struct ObservationV2APITests {
    let harness = APIHarness()

    @Test func cursorPagesWalkEveryObservationOnce() async throws {
        try await harness.withServer { client, _ in
            var events: [JSONValue] = [["id": "e-t", "type": "trace-create", "timestamp": "2026-06-01T12:00:00Z",
                                        "body": ["id": "t1", "name": "qa", "userId": "u1", "sessionId": "s1", "tags": ["x"]]]]
            // seven observations, two sharing a start time (ties are ordered by id)
            for index in 0..<7 {
                let second = index == 6 ? 5 : index
                events.append(["id": .string("e-\(index)"), "type": "span-create", "timestamp": "2026-06-01T12:00:00Z",
                               "body": ["id": .string("o\(index)"), "traceId": "t1", "name": "step", "metadata": ["long": .string(String(repeating: "m", count: 300))],
                                        "startTime": .string("2026-06-01T12:00:0\(second)Z")]])
            }
            #expect(try await harness.send(client, .post, "/api/public/ingestion", ["batch": .array(events)]).status.code == 207, "seeded")

            var seen: [String] = [], cursor: String?, pages = 0
            repeat {
                let path = "/api/public/v2/observations?limit=3" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")
                let body = try harness.json(try await harness.send(client, .get, path)).objectValue ?? [:]
                seen += body["data"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
                cursor = body["meta"]?.objectValue?["cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ["o6", "o5", "o4", "o3", "o2", "o1", "o0"], "newest first, ties by id descending, each once: \(seen)")

            let basic = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?limit=1")).objectValue?["data"]?
                .arrayValue?.first?.objectValue ?? [:]
            #expect(basic["userId"] == "u1" && basic["sessionId"] == "s1" && basic["name"] == "step", "core and basic by default")
            #expect(basic["metadata"] == nil && basic["input"] == nil, "no other group by default")
            let full = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?limit=1&fields=metadata,trace_context"))
                .objectValue?["data"]?.arrayValue?.first?.objectValue ?? [:]
            #expect(full["metadata"]?.objectValue?["long"]?.stringValue?.count == 200, "metadata values cut to 200 characters")
            #expect(full["tags"] == ["x"] && full["traceName"] == "qa", "trace context")
            #expect(full["name"] == nil, "basic not requested")
            let expanded = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?limit=1&fields=metadata&expandMetadata=long"))
                .objectValue?["data"]?.arrayValue?.first?.objectValue ?? [:]
            #expect(expanded["metadata"]?.objectValue?["long"]?.stringValue?.count == 300, "an expanded key is whole")

            let bySession = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?sessionId=s1&limit=100"))
            #expect(bySession.objectValue?["data"]?.arrayValue?.count == 7, "sessionId filter through the trace")
            #expect(try await harness.send(client, .get, "/api/public/v2/observations?cursor=%21%21").status == .badRequest, "a bad cursor")
            #expect(try await harness.send(client, .get, "/api/public/v2/observations?fields=colors").status == .badRequest, "an unknown group")
            #expect(try await harness.send(client, .get, "/api/public/v2/observations?limit=5000").status == .badRequest, "limit above 1000")
        }
    }
}
