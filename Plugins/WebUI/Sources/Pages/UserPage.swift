import Foundation
import LanternPluginSDK

/// `/project/{id}/users/{userId}`: one person's figures (traces, tokens, cost, first and last seen), their cost per
/// day over the chosen `dateRange`, and tabs as Langfuse has them (`tab=Traces|Sessions|Scores`): their traces in
/// the traces table's columns, their sessions, their scores. Every figure is one public API call.
enum UserPage {
    static let tabs = ["Traces", "Sessions", "Scores"]

    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        guard let user = page.segment(3) else { throw PageError.notFound("No user id in the address.") }
        let range = DateRange(token: page.query("dateRange") ?? "30d")
        let from = range.from ?? Date(timeIntervalSince1970: 0), to = Date()
        let onUser: JSONValue = [["column": "userId", "operator": "=", "value": .string(user), "type": "string"]]
        let summary = try await traceMetrics(page, project.id, [
            "view": "traces", "filters": onUser,
            "metrics": [["measure": "count", "aggregation": "count"], ["measure": "totalTokens", "aggregation": "sum"],
                        ["measure": "totalCost", "aggregation": "sum"], ["measure": "timestamp", "aggregation": "min"],
                        ["measure": "timestamp", "aggregation": "max"]],
        ], from: Date(timeIntervalSince1970: 0), to: to).first ?? [:]
        guard let traces = summary["count_count"]?.numberValue, traces > 0 else { throw PageError.notFound("No traces name the user \(user).") }
        let daily = try await traceMetrics(page, project.id, [
            "view": "traces", "filters": onUser, "metrics": [["measure": "totalCost", "aggregation": "sum"]],
            "timeDimension": ["granularity": "day"],
        ], from: from, to: to)
        let points = TimeBuckets.filled(daily.map { ($0["time_dimension"]?.stringValue ?? "", $0["sum_totalCost"]?.numberValue ?? 0) },
                                        from: from, to: to, granularity: "day")
        let tab = tabs.first { $0.lowercased() == page.query("tab")?.lowercased() } ?? "Traces"
        let base = "/project/\(PageRenderer.escapePath(project.id))"
        let userPath = "\(base)/users/\(PageRenderer.escapePath(user))"
        var context: [String: Any] = [
            "user": user, "traces": Formatting.number(traces), "tokens": Formatting.number(summary["sum_totalTokens"]?.numberValue),
            "cost": Formatting.cost(summary["sum_totalCost"]?.numberValue),
            "first": Formatting.timestamp(summary["min_timestamp"]?.numberValue.map(UsersPage.milliseconds)),
            "last": Formatting.timestamp(summary["max_timestamp"]?.numberValue.map(UsersPage.milliseconds)),
            "chart": Charts.columns(points, format: { Formatting.cost($0).isEmpty ? "$0" : Formatting.cost($0) }, label: "Cost per day"),
            "ranges": range.options, "tab": tab,
            "tabs": tabs.map { ["label": $0, "href": "\(userPath)?tab=\($0)", "current": $0 == tab] },
        ]
        switch tab {
        case "Sessions":
            let rows = try await sessions(page, project.id, user: user, base: base)
            (context["sessions"], context["hasSessions"], context["sessionsEmpty"]) = (rows, !rows.isEmpty, rows.isEmpty)
        case "Scores":
            let fetch = try await TableFetch.load(page, path: "/api/public/v2/scores", rangeParameter: nil, filters: [], extra: [("userId", user)])
            let rows = fetch.rows.map { score -> [String: Any] in
                var row = TracePage.score(score)
                row["time"] = Formatting.timestamp(score["timestamp"]?.stringValue)
                row["href"] = score["traceId"]?.stringValue.map { "\(base)/traces/\(PageRenderer.escapePath($0))" } ?? false
                return row
            }
            (context["scores"], context["hasScores"], context["scoresEmpty"]) = (rows, !rows.isEmpty, rows.isEmpty)
        default:
            let fetch = try await TableFetch.load(page, path: "/api/public/traces", rangeParameter: nil, filters: [], extra: [("userId", user)])
            let columns = TraceColumns(page)
            let figures = await TraceRowFigures.load(page, projectID: project.id, traceIDs: fetch.rows.compactMap { $0["id"]?.stringValue },
                                                     wantScores: false)
            context["traceTable"] = fetch.context(page, rows: fetch.rows.map { columns.cells(for: $0, figures: figures, projectID: project.id) },
                                                  noun: "traces")
            context["headers"] = columns.visible.map { ["label": $0.label] }
        }
        return page.pages.page(page, title: user, template: "user", context: context, section: "users",
                               breadcrumb: [("Users", "\(base)/users")])
    }

    /// The person's sessions: traces, cost and last activity per session id, most recent first.
    private static func sessions(_ page: PageRequest, _ projectID: String, user: String, base: String) async throws -> [[String: Any]] {
        let rows = try await traceMetrics(page, projectID, [
            "view": "traces", "dimensions": [["field": "sessionId"]],
            "filters": [["column": "userId", "operator": "=", "value": .string(user), "type": "string"]],
            "metrics": [["measure": "count", "aggregation": "count"], ["measure": "totalCost", "aggregation": "sum"],
                        ["measure": "timestamp", "aggregation": "max"]],
            "orderBy": [["field": "max_timestamp", "direction": "desc"]], "config": ["row_limit": 200],
        ], from: Date(timeIntervalSince1970: 0), to: Date())
        return rows.compactMap { row in
            guard let session = row["sessionId"]?.stringValue, !session.isEmpty else { return nil }
            return ["id": session, "href": "\(base)/sessions/\(PageRenderer.escapePath(session))", "traces": Formatting.number(row["count_count"]?.numberValue),
                    "cost": Formatting.cost(row["sum_totalCost"]?.numberValue),
                    "last": Formatting.timestamp(row["max_timestamp"]?.numberValue.map(UsersPage.milliseconds))]
        }
    }

    /// Rows of a trace-view query (the legacy metrics API serves that view, as in Langfuse).
    static func traceMetrics(_ page: PageRequest, _ projectID: String, _ fields: [String: JSONValue], from: Date, to: Date) async throws
        -> [[String: JSONValue]] {
        var query = fields
        query["fromTimestamp"] = .string(ISO8601Timestamp.format(from))
        query["toTimestamp"] = .string(ISO8601Timestamp.format(to))
        let answer = try await page.api.get("/api/public/metrics", project: projectID, query: [("query", JSONValue.object(query).jsonText)])
        return (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue)
    }
}
