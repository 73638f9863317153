import Foundation
import LanternPluginSDK

/// `GET /api/public/metrics/daily` (legacy): per UTC day, the number of traces and observations, the total cost,
/// and usage per model, answered by two metrics queries (traces by day; observations by day and model).
struct DailyMetrics {
    /// Filters of the daily view.
    struct Filters {
        var traceName: String?
        var userID: String?
        var tags: [String] = []
        var environments: [String] = []
        var from: Date?
        var to: Date?
    }

    let store: any MetricsStore
    let projectID: String

    /// Every day with data, newest first, as `DailyMetricsDetails` objects.
    func days(_ filters: Filters) async throws -> [JSONValue] {
        let from = filters.from ?? Date(timeIntervalSince1970: 0)
        let to = filters.to ?? Date().addingTimeInterval(86_400)
        let traces = try await store.metrics(projectID: projectID, query: MetricsQuery(
            view: .traces, metrics: [.init(measure: "count", aggregation: .count)], filters: conditions(filters, traceView: true),
            granularity: .day, from: from, to: to, orderBy: Self.newestFirst, rowLimit: 1000))
        let usage = try await store.metrics(projectID: projectID, query: MetricsQuery(
            view: .observations, dimensions: ["providedModelName"],
            metrics: [.init(measure: "count", aggregation: .count), .init(measure: "uniqueTraceIds", aggregation: .uniq),
                      .init(measure: "inputTokens", aggregation: .sum), .init(measure: "outputTokens", aggregation: .sum),
                      .init(measure: "totalTokens", aggregation: .sum), .init(measure: "totalCost", aggregation: .sum)],
            filters: conditions(filters, traceView: false), granularity: .day, from: from, to: to, orderBy: Self.newestFirst, rowLimit: 1000))
        var days: [String: (traces: Double, observations: Double, cost: Double, usage: [JSONValue])] = [:]
        for row in traces {
            guard let day = Self.day(row) else { continue }
            days[day, default: (0, 0, 0, [])].traces = row["count_count"]?.numberValue ?? 0
        }
        for row in usage {
            guard let day = Self.day(row) else { continue }
            let count = row["count_count"]?.numberValue ?? 0, cost = row["sum_totalCost"]?.numberValue ?? 0
            days[day, default: (0, 0, 0, [])].observations += count
            days[day, default: (0, 0, 0, [])].cost += cost
            guard let model = row["providedModelName"]?.stringValue else { continue }
            days[day, default: (0, 0, 0, [])].usage.append([
                "model": .string(model), "inputUsage": .number(row["sum_inputTokens"]?.numberValue ?? 0),
                "outputUsage": .number(row["sum_outputTokens"]?.numberValue ?? 0),
                "totalUsage": .number(row["sum_totalTokens"]?.numberValue ?? 0), "countObservations": .number(count),
                "countTraces": .number(row["uniq_uniqueTraceIds"]?.numberValue ?? 0), "totalCost": .number(cost),
            ])
        }
        return days.keys.sorted(by: >).map { day in
            let entry = days[day] ?? (0, 0, 0, [])
            return ["date": .string(day), "countTraces": .number(entry.traces), "countObservations": .number(entry.observations),
                    "totalCost": .number(entry.cost), "usage": .array(entry.usage)]
        }
    }

    /// Newest days first, so that the row limit (1000 days, or day × model rows) cuts the oldest.
    private static let newestFirst = [MetricsQuery.Order(field: "time_dimension", descending: true)]

    /// The filters as metrics conditions on the view (trace fields are `traceName` on observations).
    private func conditions(_ filters: Filters, traceView: Bool) -> [MetricsFilter] {
        var conditions: [MetricsFilter] = []
        if let name = filters.traceName { conditions.append(MetricsFilter(column: traceView ? "name" : "traceName", condition: .text(.equals, name))) }
        if let user = filters.userID { conditions.append(MetricsFilter(column: "userId", condition: .text(.equals, user))) }
        if !filters.tags.isEmpty { conditions.append(MetricsFilter(column: "tags", condition: .options(.allOf, filters.tags))) }
        if !filters.environments.isEmpty {
            conditions.append(MetricsFilter(column: "environment", condition: .options(.anyOf, filters.environments)))
        }
        return conditions
    }

    /// `YYYY-MM-DD` of a row's time bucket.
    private static func day(_ row: MetricsRow) -> String? { row["time_dimension"]?.stringValue.map { String($0.prefix(10)) } }
}
