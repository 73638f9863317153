import Foundation
import LanternPluginSDK

/// MetricsStore: aggregate queries whose answers the cases compute from the data they write.
enum MetricsCases {
    /// Generations of the seed: (trace, model, latency s, input tokens, output tokens, cost, day offset).
    private static let generations: [(trace: Int, model: String, seconds: Double, input: Double, output: Double, cost: Double, day: Double)] = [
        (0, "gpt-4o", 1, 100, 10, 0.5, 0), (0, "gpt-4o", 3, 200, 20, 0.25, 0), (1, "claude", 2, 300, 30, 1, 0),
        (1, "gpt-4o", 5, 400, 40, 0.125, 1), (2, "claude", 8, 500, 50, 2, 1), (2, "claude", 4, 600, 60, 0.75, 2),
    ]
    private static let traceNames = ["search", "search", "chat"]
    private static let traceTags = [["a"], ["a", "b"], ["b"]]

    /// Writes three traces with the generations above (days 0–2 after `c.at(0)`, noon UTC) and scores.
    private static func seed(_ c: CaseContext) async throws -> Date {
        let day0 = Date(timeIntervalSince1970: (c.at(0).timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 43_200)
        var events: [IngestionEvent] = []
        for trace in 0..<3 {
            var update = Events.traceUpdate("m-t\(trace)", timestamp: day0.addingTimeInterval(Double(trace) * 86_400), name: traceNames[trace],
                                            userID: "user-\(trace % 2)", tags: traceTags[trace])
            update.metadata = ["tier": .string(trace == 2 ? "pro" : "free")]
            events.append(Events.trace(update, at: c.at(0)))
        }
        for (index, g) in generations.enumerated() {
            let start = day0.addingTimeInterval(g.day * 86_400 + Double(index))
            var update = Events.observationUpdate("m-o\(index)", traceID: "m-t\(g.trace)", type: .generation, name: "llm",
                                                  start: start, end: start.addingTimeInterval(g.seconds))
            update.model = g.model
            update.usageDetails = ["input": g.input, "output": g.output, "total": g.input + g.output]
            update.costDetails = ["input": g.cost / 2, "output": g.cost / 2, "total": g.cost]
            events.append(Events.observation(update, at: c.at(0)))
        }
        try await c.write(events)
        var scores: [IngestionEvent] = []
        for (index, (name, value)) in [("accuracy", 1.0), ("accuracy", 0.5), ("accuracy", 0.0), ("helpfulness", 4.0)].enumerated() {
            scores.append(Events.score(Events.numericScore("m-s\(index)", projectID: c.projectID, traceID: "m-t\(index % 3)", name: name,
                                                           value: value, at: day0.addingTimeInterval(Double(index) * 60))))
        }
        for (index, label) in ["good", "bad", "good"].enumerated() {
            var score = Score(id: "m-c\(index)", projectID: c.projectID, name: "tone", dataType: .categorical, value: nil, stringValue: label,
                              source: .api, timestamp: day0.addingTimeInterval(30), createdAt: day0)
            score.traceID = "m-t\(index)"
            scores.append(Events.score(score))
        }
        try await c.write(scores)
        return day0
    }

    private static func store(_ c: CaseContext) throws -> any MetricsStore {
        try c.require(c.storage as? any MetricsStore, "the storage conforms to MetricsStore")
    }

    /// `p`-th percentile with linear interpolation between the closest ranks (`percentile_cont`).
    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    static let all: [ConformanceCase] = [
        ConformanceCase("metrics: observations by model and by trace name: count, sums, avg, percentiles, uniq", needs: .metrics) { c in
            let day0 = try await seed(c)
            let window = (from: day0.addingTimeInterval(-86_400), to: day0.addingTimeInterval(5 * 86_400))
            let byModel = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .observations, dimensions: ["providedModelName"],
                metrics: [.init(measure: "count", aggregation: .count), .init(measure: "totalCost", aggregation: .sum),
                          .init(measure: "inputTokens", aggregation: .sum), .init(measure: "latency", aggregation: .avg),
                          .init(measure: "latency", aggregation: .max)],
                from: window.from, to: window.to, orderBy: [.init(field: "providedModelName", descending: false)]))
            for model in ["claude", "gpt-4o"] {
                let rows = generations.filter { $0.model == model }
                let row = byModel.first { $0["providedModelName"] == .string(model) }
                c.expectEqual(row?["count_count"], .number(Double(rows.count)), "\(model): count")
                c.expectEqual(row?["sum_totalCost"], .number(rows.map(\.cost).reduce(0, +)), "\(model): sum of totalCost")
                c.expectEqual(row?["sum_inputTokens"], .number(rows.map(\.input).reduce(0, +)), "\(model): sum of inputTokens")
                c.expectEqual(row?["avg_latency"], .number(rows.map { $0.seconds * 1000 }.reduce(0, +) / Double(rows.count)), "\(model): avg latency ms")
                c.expectEqual(row?["max_latency"], .number((rows.map(\.seconds).max() ?? 0) * 1000), "\(model): max latency ms")
            }
            c.expectEqual(byModel.compactMap { $0["providedModelName"]?.stringValue }, ["claude", "gpt-4o"], "one row per model, in order")

            let byName = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .observations, dimensions: ["traceName"],
                metrics: [.init(measure: "latency", aggregation: .p95), .init(measure: "latency", aggregation: .p50),
                          .init(measure: "count", aggregation: .count), .init(measure: "uniqueTraceIds", aggregation: .uniq)],
                from: window.from, to: window.to, orderBy: [.init(field: "traceName", descending: true)]))
            for name in ["search", "chat"] {
                let seconds = generations.filter { traceNames[$0.trace] == name }.map { $0.seconds * 1000 }
                let row = byName.first { $0["traceName"] == .string(name) }
                c.expect(abs((row?["p95_latency"]?.numberValue ?? -1) - percentile(seconds, 0.95)) < 1e-6,
                         "\(name): p95 latency \(percentile(seconds, 0.95)), got \(String(describing: row?["p95_latency"]))")
                c.expect(abs((row?["p50_latency"]?.numberValue ?? -1) - percentile(seconds, 0.5)) < 1e-6,
                         "\(name): p50 latency \(percentile(seconds, 0.5)), got \(String(describing: row?["p50_latency"]))")
                let traces = Set(generations.filter { traceNames[$0.trace] == name }.map(\.trace)).count
                c.expectEqual(row?["uniq_uniqueTraceIds"], .number(Double(traces)), "\(name): distinct traces")
            }
            c.expectEqual(byName.compactMap { $0["traceName"]?.stringValue }, ["search", "chat"], "ordered by traceName descending")
            let other = try await store(c).metrics(projectID: c.otherProjectID, query: MetricsQuery(
                view: .observations, metrics: [.init(measure: "count", aggregation: .count)], from: window.from, to: window.to))
            c.expect(other.allSatisfy { ($0["count_count"]?.numberValue ?? 0) == 0 }, "another project counts nothing: \(other)")
        },
        ConformanceCase("metrics: time buckets, filters, row limit, histogram", needs: .metrics) { c in
            let day0 = try await seed(c)
            let from = day0.addingTimeInterval(-43_200), to = day0.addingTimeInterval(3 * 86_400)
            let daily = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .observations, metrics: [.init(measure: "totalCost", aggregation: .sum)], granularity: .day, from: from, to: to,
                orderBy: [.init(field: "time_dimension", descending: false)]))
            let formatter = ISO8601DateFormatter()
            let expected = (0..<3).map { day -> (String, Double) in
                let midnight = day0.addingTimeInterval(Double(day) * 86_400 - 43_200)
                return (formatter.string(from: midnight), generations.filter { $0.day == Double(day) }.map(\.cost).reduce(0, +))
            }
            c.expectEqual(daily.compactMap { $0["time_dimension"]?.stringValue }, expected.map(\.0), "one bucket per day, at midnight UTC")
            c.expectEqual(daily.compactMap { $0["sum_totalCost"]?.numberValue }, expected.map(\.1), "cost per day")

            func count(_ filters: [MetricsFilter]) async throws -> Double? {
                try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                    view: .observations, metrics: [.init(measure: "count", aggregation: .count)], filters: filters, from: from, to: to))
                    .first?["count_count"]?.numberValue
            }
            c.expectEqual(try await count([MetricsFilter(column: "tags", condition: .options(.allOf, ["a", "b"]))]), 2, "tags all of a, b: trace 1")
            c.expectEqual(try await count([MetricsFilter(column: "tags", condition: .options(.noneOf, ["a"]))]), 2, "tags none of a: trace 2")
            c.expectEqual(try await count([MetricsFilter(column: "providedModelName", condition: .text(.startsWith, "gpt"))]), 3, "model starts with gpt")
            c.expectEqual(try await count([MetricsFilter(column: "userId", condition: .text(.equals, "user-0"))]), 4, "user-0 owns traces 0 and 2")
            c.expectEqual(try await count([MetricsFilter(column: "metadata", key: "tier", condition: .text(.equals, "pro"))]), 0,
                          "observation metadata is empty")
            c.expectEqual(try await count([MetricsFilter(column: "startTime", condition: .date(.greaterOrEqual, day0.addingTimeInterval(86_400)))]), 3,
                          "started on day 1 or later")

            let top = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .observations, dimensions: ["providedModelName"], metrics: [.init(measure: "totalCost", aggregation: .sum)],
                from: from, to: to, orderBy: [.init(field: "sum_totalCost", descending: true)], rowLimit: 1))
            c.expectEqual(top.compactMap { $0["providedModelName"]?.stringValue }, ["claude"], "row limit 1, highest cost first")

            let histogram = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .observations, metrics: [.init(measure: "inputTokens", aggregation: .histogram)], from: from, to: to, histogramBins: 5))
            let bins = histogram.first?["histogram_inputTokens"]?.arrayValue?.compactMap { $0.arrayValue?.compactMap(\.numberValue) } ?? []
            c.expectEqual(bins.count, 5, "five bins")
            c.expectEqual(bins.first?.first, 100, "from the least value")
            c.expectEqual(bins.last?[1], 600, "to the greatest value")
            c.expectEqual(bins.map { $0.count == 3 ? $0[2] : -1 }.reduce(0, +), Double(generations.count), "every value counted once")
        },
        ConformanceCase("metrics: traces view and score views", needs: .metrics) { c in
            let day0 = try await seed(c)
            let from = day0.addingTimeInterval(-86_400), to = day0.addingTimeInterval(5 * 86_400)
            let traces = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .traces, dimensions: ["name"], metrics: [.init(measure: "count", aggregation: .count),
                                                               .init(measure: "totalCost", aggregation: .sum)],
                from: from, to: to, orderBy: [.init(field: "name", descending: false)]))
            c.expectEqual(traces.compactMap { $0["name"]?.stringValue }, ["chat", "search"], "trace names")
            c.expectEqual(traces.compactMap { $0["count_count"]?.numberValue }, [1, 2], "traces per name")
            let searchCost = generations.filter { traceNames[$0.trace] == "search" }.map(\.cost).reduce(0, +)
            c.expectEqual(traces.last?["sum_totalCost"], .number(searchCost), "cost of the search traces")

            let numeric = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .scoresNumeric, dimensions: ["name"], metrics: [.init(measure: "value", aggregation: .avg),
                                                                      .init(measure: "count", aggregation: .count)],
                from: from, to: to, orderBy: [.init(field: "name", descending: false)]))
            c.expectEqual(numeric.compactMap { $0["name"]?.stringValue }, ["accuracy", "helpfulness"], "numeric score names")
            c.expectEqual(numeric.first?["avg_value"], 0.5, "average accuracy (1 + 0.5 + 0) / 3")
            let categorical = try await store(c).metrics(projectID: c.projectID, query: MetricsQuery(
                view: .scoresCategorical, dimensions: ["stringValue"], metrics: [.init(measure: "count", aggregation: .count)],
                from: from, to: to, orderBy: [.init(field: "stringValue", descending: false)]))
            c.expectEqual(categorical.compactMap { $0["stringValue"]?.stringValue }, ["bad", "good"], "categories")
            c.expectEqual(categorical.compactMap { $0["count_count"]?.numberValue }, [1, 2], "count per category")
        },
    ]
}
