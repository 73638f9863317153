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
        let all = charts(from: from, to: to, granularity: granularity)
        // The charts' queries run at once (each on its own storage connection), so the page takes about as long as
        // its slowest chart; a chart whose query fails shows the API's message.
        let answers = await withTaskGroup(of: (Int, Result<JSONValue, Error>).self) { group in
            for (index, chart) in all.enumerated() {
                let endpoint = chart.endpoint, text = chart.query.jsonText
                group.addTask {
                    do { return (index, .success(try await page.api.get(endpoint, project: project.id, query: [("query", text)]))) }
                    catch { return (index, .failure(error)) }
                }
            }
            var answers: [Int: Result<JSONValue, Error>] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        let cards = all.enumerated().map { index, chart -> [String: Any] in
            var card: [String: Any] = ["title": chart.title, "query": PrettyJSON.text(chart.query), "endpoint": chart.endpoint]
            switch answers[index] {
            case .success(let answer)?: card["chart"] = chart.draw((answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue))
            case .failure(PageError.api(_, let message))?: card["error"] = message
            default: card["error"] = "The chart's query failed."
            }
            return card
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
        func money(_ value: Double) -> String { value > 0 ? Formatting.cost(value) : "$0" }
        let overTime: JSONValue = ["granularity": .string(granularity)]
        /// Rows of `(time, series) → value` as stacked-column input, every bucket of the range present.
        func series(_ rows: [[String: JSONValue]], _ dimension: String, _ key: String) -> (buckets: [String], series: [(name: String, values: [Double])]) {
            let names = Array(Set(rows.map { $0[dimension]?.stringValue ?? "" })).sorted()
            let buckets = TimeBuckets.filled([], from: from, to: to, granularity: granularity).map(\.time)
            let entries = names.map { name -> (name: String, values: [Double]) in
                let points = rows.filter { ($0[dimension]?.stringValue ?? "") == name }
                    .map { ($0["time_dimension"]?.stringValue ?? "", $0[key]?.numberValue ?? 0) }
                return (name, TimeBuckets.filled(points, from: from, to: to, granularity: granularity).map(\.value))
            }
            return (buckets, entries)
        }
        return [
            Chart(title: "Traces over time", query: query([
                "view": "traces", "metrics": [["measure": "count", "aggregation": "count"]], "timeDimension": overTime,
            ]), endpoint: v1) { rows in
                let points = rows.map { ($0["time_dimension"]?.stringValue ?? "", $0["count_count"]?.numberValue ?? 0) }
                return Charts.columns(TimeBuckets.filled(points, from: from, to: to, granularity: granularity), format: count, label: "Traces over time")
            },
            Chart(title: "Observations by level over time", query: query([
                "view": "observations", "dimensions": [["field": "level"]], "metrics": [["measure": "count", "aggregation": "count"]],
                "timeDimension": overTime,
            ])) { rows in
                let data = series(rows, "level", "count_count")
                let order = ["ERROR", "WARNING", "DEFAULT", "DEBUG"]
                let ordered = data.series.sorted { (order.firstIndex(of: $0.name) ?? 9) < (order.firstIndex(of: $1.name) ?? 9) }
                return SeriesCharts.stackedColumns(data.buckets, ordered, format: count, label: "Observations by level over time",
                                                   colour: SeriesCharts.levelColour)
            },
            Chart(title: "Error rate over time", query: query([
                "view": "observations", "dimensions": [["field": "level"]], "metrics": [["measure": "count", "aggregation": "count"]],
                "timeDimension": overTime,
            ])) { rows in
                let data = series(rows, "level", "count_count")
                let errors = data.series.first { $0.name == "ERROR" }?.values ?? []
                let rates = data.buckets.indices.map { index -> (String, Double) in
                    let total = data.series.reduce(0) { $0 + $1.values[index] }
                    return (data.buckets[index], total > 0 && errors.indices.contains(index) ? errors[index] / total : 0)
                }
                return Charts.columns(rates, format: { String(format: "%.1f%%", $0 * 100) }, label: "Error rate over time")
            },
            Chart(title: "Cost by model over time", query: query([
                "view": "observations", "dimensions": [["field": "providedModelName"]], "metrics": [["measure": "totalCost", "aggregation": "sum"]],
                "timeDimension": overTime,
            ])) { rows in
                let data = series(rows.filter { !($0["providedModelName"]?.stringValue ?? "").isEmpty }, "providedModelName", "sum_totalCost")
                return SeriesCharts.stackedColumns(data.buckets, data.series, format: money, label: "Cost by model over time")
            },
            Chart(title: "Cost by model", query: query([
                "view": "observations", "dimensions": [["field": "providedModelName"]], "metrics": [["measure": "totalCost", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalCost", "direction": "desc"]],
            ]), draw: bars("providedModelName", "sum_totalCost", { Formatting.cost($0) }, "Cost by model", skipEmpty: true)),
            Chart(title: "Tokens by model", query: query([
                "view": "observations", "dimensions": [["field": "providedModelName"]], "metrics": [["measure": "totalTokens", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalTokens", "direction": "desc"]],
            ]), draw: bars("providedModelName", "sum_totalTokens", count, "Tokens by model", skipEmpty: true)),
            Chart(title: "Latency percentiles by trace name", query: query([
                "view": "traces", "dimensions": [["field": "name"]],
                "metrics": [["measure": "latency", "aggregation": "p50"], ["measure": "latency", "aggregation": "p90"], ["measure": "latency", "aggregation": "p99"]],
                "orderBy": [["field": "p90_latency", "direction": "desc"]], "config": ["row_limit": 15],
            ]), endpoint: v1) { rows in
                let grouped = rows.map { row in
                    (row["name"]?.stringValue ?? "", ["p50_latency", "p90_latency", "p99_latency"].map { row[$0]?.numberValue ?? 0 })
                }
                return SeriesCharts.groupedBars(grouped, series: ["p50", "p90", "p99"], format: { Formatting.latency($0 / 1000) },
                                                label: "Latency percentiles by trace name")
            },
            Chart(title: "Top users by cost", query: query([
                "view": "traces", "dimensions": [["field": "userId"]], "metrics": [["measure": "totalCost", "aggregation": "sum"]],
                "orderBy": [["field": "sum_totalCost", "direction": "desc"]], "config": ["row_limit": 10],
            ]), endpoint: v1, draw: bars("userId", "sum_totalCost", { Formatting.cost($0) }, "Top users by cost", skipEmpty: true)),
            Chart(title: "Average score by name", query: query([
                "view": "scores-numeric", "dimensions": [["field": "name"]], "metrics": [["measure": "value", "aggregation": "avg"]],
                "orderBy": [["field": "avg_value", "direction": "desc"]],
            ]), draw: bars("name", "avg_value", { String(format: "%.3f", $0) }, "Average score by name")),
            Chart(title: "Score distributions", query: query([
                "view": "scores-numeric", "dimensions": [["field": "name"]], "metrics": [["measure": "value", "aggregation": "histogram"]],
                "config": ["bins": 10],
            ])) { rows in
                let drawn = rows.map { row -> String in
                    let name = row["name"]?.stringValue ?? ""
                    let raw = row["histogram_value"]
                    let bins = (raw?.stringValue.flatMap { JSONValue.parse($0) } ?? raw)?.arrayValue?.compactMap { bin -> (Double, Double, Double)? in
                        guard let parts = bin.arrayValue?.compactMap(\.numberValue), parts.count == 3 else { return nil }
                        return (parts[0], parts[1], parts[2])
                    } ?? []
                    return "<h3 class=\"chart-label\">\(Timeline.escape(name))</h3>" + SeriesCharts.histogram(bins, label: "Distribution of \(name)")
                }
                return drawn.isEmpty ? "<p class=\"muted\">No scores in this time range.</p>" : drawn.joined()
            },
        ]
    }
}
