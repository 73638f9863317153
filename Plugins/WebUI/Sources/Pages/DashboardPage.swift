import Foundation
import LanternPluginSDK

/// `/project/{id}` (Home): the project's dashboard over the chosen `dateRange`. Each chart is one
/// metrics query (`/api/public/v2/metrics`, or `/api/public/metrics` for the trace view, which v2 lacks as in
/// Langfuse), shown under the chart ("View query"), so every figure can be checked against the API.
enum DashboardPage {
    /// One chart: its title, its metrics query and endpoint, and how to draw the answer.
    struct Chart {
        let title: String
        let query: JSONValue
        /// The trace view is served by the v1 metrics API only (as in Langfuse); the rest use v2.
        var endpoint = "/api/public/v2/metrics"
        let draw: ([[String: JSONValue]]) -> String
    }

    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let range = DateRange(token: page.query("dateRange") ?? "7d")
        let from = range.from ?? Date(timeIntervalSince1970: 0), to = Date()
        let granularity = to.timeIntervalSince(from) <= 2 * 86_400 ? "hour" : "day"
        var cards: [[String: Any]] = []
        for chart in charts(from: from, to: to, granularity: granularity) {
            let text = chart.query.jsonText
            var card: [String: Any] = ["title": chart.title, "query": PrettyJSON.text(chart.query), "endpoint": chart.endpoint]
            do {
                let answer = try await page.api.get(chart.endpoint, project: project.id, query: [("query", text)])
                card["chart"] = chart.draw((answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue))
            } catch PageError.api(_, let message) {
                card["error"] = message
            }
            cards.append(card)
        }
        let context: [String: Any] = ["cards": cards, "ranges": range.options]
        return page.pages.page(page, title: "Home", template: "dashboard", context: context, section: nil)
    }

    static func charts(from: Date, to: Date, granularity: String) -> [Chart] {
        let range: [String: JSONValue] = ["fromTimestamp": .string(ISO8601Timestamp.format(from)), "toTimestamp": .string(ISO8601Timestamp.format(to))]
        func query(_ fields: [String: JSONValue]) -> JSONValue { .object(range.merging(fields) { _, new in new }) }
        func bars(_ dimension: String, _ key: String, _ format: @escaping (Double) -> String, _ label: String, skipEmpty: Bool = false)
            -> ([[String: JSONValue]]) -> String {
            { rows in
                let points = rows.map { ($0[dimension]?.stringValue ?? "", $0[key]?.numberValue ?? 0) }
                return Charts.bars(skipEmpty ? points.filter { !$0.0.isEmpty } : points, format: format, label: label)
            }
        }
        let v1 = "/api/public/metrics"
        func count(_ value: Double) -> String { Formatting.number(value) }
        return [
            Chart(title: "Traces over time", query: query([
                "view": "traces", "metrics": [["measure": "count", "aggregation": "count"]], "timeDimension": ["granularity": .string(granularity)],
            ]), endpoint: v1) { rows in
                Charts.columns(rows.map { ($0["time_dimension"]?.stringValue ?? "", $0["count_count"]?.numberValue ?? 0) }, format: count, label: "Traces over time")
            },
            Chart(title: "Cost by model", query: query([
                "view": "observations", "dimensions": [["field": "providedModelName"]], "metrics": [["measure": "totalCost", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalCost", "direction": "desc"]],
            ]), draw: bars("providedModelName", "sum_totalCost", { Formatting.cost($0) }, "Cost by model", skipEmpty: true)),
            Chart(title: "Tokens by model", query: query([
                "view": "observations", "dimensions": [["field": "providedModelName"]], "metrics": [["measure": "totalTokens", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalTokens", "direction": "desc"]],
            ]), draw: bars("providedModelName", "sum_totalTokens", count, "Tokens by model", skipEmpty: true)),
            Chart(title: "Latency p90 by trace name", query: query([
                "view": "traces", "dimensions": [["field": "name"]],
                "metrics": [["measure": "latency", "aggregation": "p50"], ["measure": "latency", "aggregation": "p90"], ["measure": "latency", "aggregation": "p99"]],
                "orderBy": [["field": "p90_latency", "direction": "desc"]],
            ]), endpoint: v1, draw: bars("name", "p90_latency", { Formatting.latency($0 / 1000) }, "Latency p90 by trace name")),
            Chart(title: "Top users by cost", query: query([
                "view": "traces", "dimensions": [["field": "userId"]], "metrics": [["measure": "totalCost", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalCost", "direction": "desc"]], "config": ["row_limit": 10],
            ]), endpoint: v1, draw: bars("userId", "sum_totalCost", { Formatting.cost($0) }, "Top users by cost", skipEmpty: true)),
            Chart(title: "Average score by name", query: query([
                "view": "scores-numeric", "dimensions": [["field": "name"]], "metrics": [["measure": "value", "aggregation": "avg"]],
                "orderBy": [["field": "avg_value", "direction": "desc"]],
            ]), draw: bars("name", "avg_value", { String(format: "%.3f", $0) }, "Average score by name")),
            Chart(title: "Observations by level", query: query([
                "view": "observations", "dimensions": [["field": "level"]], "metrics": [["measure": "count", "aggregation": "count"]],
                "orderBy": [["field": "count_count", "direction": "desc"]],
            ]), draw: bars("level", "count_count", count, "Observations by level")),
        ]
    }
}
