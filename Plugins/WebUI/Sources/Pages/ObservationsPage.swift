import Foundation
import LanternPluginSDK

/// `/project/{id}/observations`: every observation (generations, spans, events, …) newest first, with model, latency,
/// time to first token, tokens and cost; filters for type, name, user, level and the time range, kept in the URL.
enum ObservationsPage {
    static let types = ["GENERATION", "SPAN", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"]
    static let levels = ["DEBUG", "DEFAULT", "WARNING", "ERROR"]

    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let fetch = try await TableFetch.load(page, path: "/api/public/observations", rangeParameter: "fromStartTime",
                                              filters: ["type", "name", "userId", "level"])
        let base = "/project/\(PageRenderer.escapePath(fetch.project.id))/traces/"
        let rows = fetch.rows.map { o -> [String: Any] in
            let id = o["id"]?.stringValue ?? "", traceID = o["traceId"]?.stringValue ?? ""
            let usage = o["usageDetails"]?.objectValue ?? [:]
            let start = o["startTime"]?.stringValue.flatMap(ISO8601Timestamp.parse), end = o["endTime"]?.stringValue.flatMap(ISO8601Timestamp.parse)
            return ["href": base + PageRenderer.escapePath(traceID) + "?observation=" + TracesPage.encode(id),
                    "time": Formatting.timestamp(o["startTime"]?.stringValue), "name": o["name"]?.stringValue ?? id,
                    "type": o["type"]?.stringValue ?? "", "typeClass": (o["type"]?.stringValue ?? "span").lowercased(),
                    "model": o["model"]?.stringValue ?? "", "level": o["level"]?.stringValue ?? "",
                    "latency": Formatting.latency(start.flatMap { start in end.map { $0.timeIntervalSince(start) } }),
                    "ttft": Formatting.latency(o["timeToFirstToken"]?.numberValue),
                    "tokens": Formatting.tokens(input: usage["input"]?.numberValue, output: usage["output"]?.numberValue, total: usage["total"]?.numberValue),
                    "cost": Formatting.cost(o["calculatedTotalCost"]?.numberValue)]
        }
        var context = fetch.context(page, rows: rows, noun: "observations")
        context["types"] = types.map { ["value": $0, "selected": $0 == page.query("type")] }
        context["levels"] = levels.map { ["value": $0, "selected": $0 == page.query("level")] }
        context["name"] = page.query("name") ?? ""
        context["userId"] = page.query("userId") ?? ""
        return page.pages.page(page, title: "Observations", template: "observations", context: context, section: "observations")
    }
}

/// `/project/{id}/scores`: every score newest first, with its value, source, data type, target and comment; filters
/// for name, source, data type and the time range.
enum ScoresPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let fetch = try await TableFetch.load(page, path: "/api/public/v2/scores", rangeParameter: "fromTimestamp",
                                              filters: ["name", "source", "dataType"])
        let base = "/project/\(PageRenderer.escapePath(fetch.project.id))"
        let rows = fetch.rows.map { score -> [String: Any] in
            var row = TracePage.score(score)
            row["time"] = Formatting.timestamp(score["timestamp"]?.stringValue)
            row["dataType"] = score["dataType"]?.stringValue ?? ""
            if let trace = score["traceId"]?.stringValue {
                var href = "\(base)/traces/\(PageRenderer.escapePath(trace))"
                if let observation = score["observationId"]?.stringValue { href += "?observation=" + TracesPage.encode(observation) }
                row["target"] = ["label": score["observationId"]?.stringValue.map { "observation \($0)" } ?? "trace \(trace)", "href": href]
            } else if let session = score["sessionId"]?.stringValue {
                row["target"] = ["label": "session \(session)", "href": "\(base)/sessions/\(PageRenderer.escapePath(session))"]
            }
            return row
        }
        var context = fetch.context(page, rows: rows, noun: "scores")
        context["name"] = page.query("name") ?? ""
        context["sources"] = ["API", "EVAL", "ANNOTATION"].map { ["value": $0, "selected": $0 == page.query("source")] }
        context["dataTypes"] = ["NUMERIC", "CATEGORICAL", "BOOLEAN"].map { ["value": $0, "selected": $0 == page.query("dataType")] }
        return page.pages.page(page, title: "Scores", template: "scores", context: context, section: "scores")
    }
}
