import Foundation
import LanternPluginSDK

/// The figures of a page of traces that the traces list does not carry: observation counts per level and score
/// averages per name. Two `/api/public/v2/metrics` queries filtered on the page's trace ids, whatever the page size.
struct TraceRowFigures {
    /// Observation counts per level, by trace id.
    let levels: [String: [String: Int]]
    /// Average value per score name, by trace id.
    let scores: [String: [String: Double]]
    /// Every score name on the page, sorted: one column each.
    var scoreNames: [String] { Array(Set(scores.values.flatMap(\.keys))).sorted() }

    /// Reads the figures of `traceIDs`; a failed query leaves its figures empty rather than failing the table.
    static func load(_ page: PageRequest, projectID: String, traceIDs: [String], wantScores: Bool) async -> TraceRowFigures {
        guard !traceIDs.isEmpty else { return TraceRowFigures(levels: [:], scores: [:]) }
        let range: [String: JSONValue] = [
            "fromTimestamp": .string(ISO8601Timestamp.format(Date(timeIntervalSince1970: 0))),
            "toTimestamp": .string(ISO8601Timestamp.format(Date().addingTimeInterval(86_400))),
        ]
        let onPage: JSONValue = .array([.object(["column": "traceId", "operator": "any of", "type": "stringOptions",
                                                 "value": .array(traceIDs.map { .string($0) })])])
        func query(_ view: String, dimension: String, metric: (measure: String, aggregation: String)) -> JSONValue {
            .object(range.merging([
                "view": .string(view), "dimensions": [["field": "traceId"], ["field": .string(dimension)]],
                "metrics": [["measure": .string(metric.measure), "aggregation": .string(metric.aggregation)]],
                "filters": onPage, "config": ["row_limit": 1000],
                "orderBy": [["field": .string("\(metric.aggregation)_\(metric.measure)"), "direction": "desc"]],
            ]) { _, new in new })
        }
        async let levelRows = rows(page, projectID, query("observations", dimension: "level", metric: ("count", "count")))
        async let scoreRows = wantScores ? rows(page, projectID, query("scores-numeric", dimension: "name", metric: ("value", "avg"))) : []
        var levels: [String: [String: Int]] = [:], scores: [String: [String: Double]] = [:]
        for row in await levelRows {
            guard let trace = row["traceId"]?.stringValue, let level = row["level"]?.stringValue else { continue }
            levels[trace, default: [:]][level] = Int(row["count_count"]?.numberValue ?? 0)
        }
        for row in await scoreRows {
            guard let trace = row["traceId"]?.stringValue, let name = row["name"]?.stringValue, let value = row["avg_value"]?.numberValue else { continue }
            scores[trace, default: [:]][name] = value
        }
        return TraceRowFigures(levels: levels, scores: scores)
    }

    private static func rows(_ page: PageRequest, _ projectID: String, _ query: JSONValue) async -> [[String: JSONValue]] {
        let answer = try? await page.api.get("/api/public/v2/metrics", project: projectID, query: [("query", query.jsonText)])
        return (answer?.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue)
    }
}
