import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `GET /api/public/v2/metrics`, the legacy `GET /api/public/metrics` and `GET /api/public/metrics/daily`, in process.
@Suite("Metrics API in process")
struct MetricsAPITests {
    let harness = APIHarness()

    /// Two traces on 2026-06-01 and 2026-06-02 with three priced generations (computed by the shipped price table).
    private func seed(_ client: any TestClientProtocol) async throws {
        var events: [JSONValue] = []
        for (index, (trace, day, model, input, output)) in [("t1", "01", "gpt-4o", 1000.0, 100.0), ("t1", "01", "gpt-4o", 2000, 200),
                                                             ("t2", "02", "gpt-4o-mini", 1000, 1000)].enumerated() {
            let time = JSONValue.string("2026-06-\(day)T12:00:0\(index)Z")
            events.append(["id": .string("e-t-\(index)"), "type": "trace-create", "timestamp": time,
                           "body": ["id": .string(trace), "name": .string("qa-\(trace)"), "userId": "u1", "timestamp": time]])
            events.append(["id": .string("e-g-\(index)"), "type": "generation-create", "timestamp": time,
                           "body": ["id": .string("g\(index)"), "traceId": .string(trace), "model": .string(model), "startTime": time,
                                    "endTime": .string("2026-06-\(day)T12:00:1\(index)Z"),
                                    "usageDetails": ["input": .number(input), "output": .number(output)]]])
        }
        #expect(try await harness.send(client, .post, "/api/public/ingestion", ["batch": .array(events)]).status.code == 207, "seeded")
    }

    private func metrics(_ client: any TestClientProtocol, _ path: String, _ query: JSONValue) async throws -> TestResponse {
        let encoded = query.jsonText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await harness.send(client, .get, "\(path)?query=\(encoded)")
    }

    @Test func costPerModelAndDayComputedByStorage() async throws {
        try await harness.withServer(cost: RepositoryConfig.costSection) { client, _ in
            try await seed(client)
            let query: JSONValue = [
                "view": "observations", "dimensions": [["field": "providedModelName"]],
                "metrics": [["measure": "totalCost", "aggregation": "sum"], ["measure": "count", "aggregation": "count"]],
                "timeDimension": ["granularity": "day"], "fromTimestamp": "2026-06-01T00:00:00Z", "toTimestamp": "2026-06-03T00:00:00Z",
                "orderBy": [["field": "time_dimension", "direction": "asc"]],
            ]
            let response = try await metrics(client, "/api/public/v2/metrics", query)
            #expect(response.status == .ok, "v2 metrics answered")
            let rows = try harness.json(response).objectValue?["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            // gpt-4o: (1000 + 2000) × 2.5e-6 + (100 + 200) × 1e-5 = 0.0105; gpt-4o-mini: 1000 × 1.5e-7 + 1000 × 6e-7 = 0.00075
            #expect(rows.count == 2, "one row per model and day: \(rows)")
            #expect(rows.first?["providedModelName"] == "gpt-4o" && rows.first?["time_dimension"] == "2026-06-01T00:00:00Z", "day 1")
            #expect(abs((rows.first?["sum_totalCost"]?.numberValue ?? 0) - 0.0105) < 1e-12, "gpt-4o cost")
            #expect(rows.first?["count_count"] == 2, "two gpt-4o generations")
            #expect(abs((rows.last?["sum_totalCost"]?.numberValue ?? 0) - 0.00075) < 1e-12, "gpt-4o-mini cost")

            let legacy = try await metrics(client, "/api/public/metrics", [
                "view": "traces", "metrics": [["measure": "count", "aggregation": "count"]],
                "fromTimestamp": "2026-06-01T00:00:00Z", "toTimestamp": "2026-06-03T00:00:00Z",
            ])
            #expect(try harness.json(legacy).objectValue?["data"]?.arrayValue?.first?.objectValue?["count_count"] == 2, "legacy traces view")
            let seen = try await metrics(client, "/api/public/metrics", [
                "view": "traces", "dimensions": [["field": "userId"]],
                "metrics": [["measure": "timestamp", "aggregation": "max"], ["measure": "timestamp", "aggregation": "min"]],
                "fromTimestamp": "2026-06-01T00:00:00Z", "toTimestamp": "2026-06-03T00:00:00Z",
            ])
            let last = try #require(ISO8601Timestamp.parse("2026-06-02T12:00:02Z")).timeIntervalSince1970 * 1000
            let seenRow = try harness.json(seen).objectValue?["data"]?.arrayValue?.first?.objectValue
            #expect(seenRow?["max_timestamp"]?.numberValue == last, "last seen, in milliseconds since 1970")
            #expect((seenRow?["min_timestamp"]?.numberValue ?? .infinity) < last, "first seen before it")

            let daily = try harness.json(try await harness.send(client, .get, "/api/public/metrics/daily?fromTimestamp=2026-06-01T00:00:00Z"))
            let days = daily.objectValue?["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(days.compactMap { $0["date"]?.stringValue } == ["2026-06-02", "2026-06-01"], "days newest first")
            #expect(days.last?["countTraces"] == 1 && days.last?["countObservations"] == 2, "day 1 counts")
            let usage = days.last?["usage"]?.arrayValue?.first?.objectValue
            #expect(usage?["model"] == "gpt-4o" && usage?["inputUsage"] == 3000 && usage?["outputUsage"] == 300 && usage?["countTraces"] == 1,
                    "day 1 usage of gpt-4o")
            #expect(daily.objectValue?["meta"]?.objectValue?["totalItems"] == 2, "paged")
        }
    }

    @Test func invalidQueriesAreRefusedNamingThePart() async throws {
        try await harness.withServer { client, _ in
            let missing = try await harness.send(client, .get, "/api/public/v2/metrics")
            #expect(missing.status == .badRequest, "no query")
            let broken = try await harness.send(client, .get, "/api/public/v2/metrics?query=%7Bnot-json")
            #expect(try harness.json(broken).objectValue?["message"] == "Invalid JSON in query parameter", "Langfuse's message")
            let base: [String: JSONValue] = ["view": "observations", "metrics": [["measure": "count", "aggregation": "count"]],
                                             "fromTimestamp": "2026-06-01T00:00:00Z", "toTimestamp": "2026-06-02T00:00:00Z"]
            let cases: [(String, [String: JSONValue], String)] = [
                ("traces view on v2", ["view": "traces"], "view"),
                ("unknown measure", ["metrics": [["measure": "speed", "aggregation": "sum"]]], "metrics[0].measure"),
                ("unknown aggregation", ["metrics": [["measure": "latency", "aggregation": "median"]]], "metrics[0].aggregation"),
                ("unknown dimension", ["dimensions": [["field": "color"]]], "dimensions[0].field"),
                ("high-cardinality dimension", ["dimensions": [["field": "userId"]]], "dimensions[0]"),
                ("bad operator", ["filters": [["column": "name", "operator": ">", "value": "x", "type": "string"]]], "filters[0].operator"),
                ("reversed range", ["toTimestamp": "2026-05-01T00:00:00Z"], "fromTimestamp"),
                ("row limit", ["config": ["row_limit": 5000]], "config.row_limit"),
                ("years at minute granularity", ["fromTimestamp": "2020-01-01T00:00:00Z", "toTimestamp": "2026-01-01T00:00:00Z",
                                                 "timeDimension": ["granularity": "minute"]], "metrics.maxTimeBuckets"),
                ("too many filters", ["filters": .array((0..<51).map { _ in ["column": "name", "operator": "=", "value": "x", "type": "string"] })],
                 "metrics.maxFilters"),
            ]
            for (what, change, part) in cases {
                let response = try await metrics(client, "/api/public/v2/metrics", .object(base.merging(change) { $1 }))
                #expect(response.status == .badRequest, "\(what): 400")
                let message = try harness.json(response).objectValue?["message"]?.stringValue ?? ""
                #expect(message.contains(part), "\(what): the message names \(part): \(message)")
            }
        }
    }
}
