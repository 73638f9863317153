import Foundation
import LanternPluginSDK

/// `/project/{id}/sessions`: the sessions table, newest first, paged like the traces table, with each session's
/// duration (first to last trace), users, traces and cost from one metrics query on the page's session ids.
enum SessionsPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let paging = Paging(page)
        let answer = try await page.api.get("/api/public/sessions", project: project.id, query: paging.apiQuery)
        let sessions = (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue)
        let figures = try await SessionFigures.load(page, projectID: project.id, sessionIDs: sessions.compactMap { $0["id"]?.stringValue })
        let base = "/project/\(PageRenderer.escapePath(project.id))"
        let rows = sessions.map { session -> [String: Any] in
            let id = session["id"]?.stringValue ?? ""
            let figure = figures[id]
            return ["id": id, "href": "\(base)/sessions/\(PageRenderer.escapePath(id))",
                    "createdAt": Formatting.timestamp(session["createdAt"]?.stringValue), "environment": session["environment"]?.stringValue ?? "",
                    "duration": figure.map { Formatting.latency(($0.last - $0.first) / 1000) } ?? "",
                    "users": (figure?.users ?? []).map { ["id": $0, "href": "\(base)/users/\(PageRenderer.escapePath($0))"] },
                    "traces": Formatting.number(figure?.traces), "cost": Formatting.cost(figure?.cost)]
        }
        var context = paging.context(total: Int(answer.objectValue?["meta"]?.objectValue?["totalItems"]?.numberValue ?? 0), page: page,
                                     noun: "sessions")
        context["rows"] = rows
        context["empty"] = rows.isEmpty
        return page.pages.page(page, title: "Sessions", template: "sessions", context: context, section: "sessions")
    }
}

/// Per session: its traces, their cost, its users and its first and last trace time (milliseconds since 1970).
struct SessionFigures {
    var traces = 0.0, cost = 0.0, first = Double.infinity, last = -Double.infinity
    var users: [String] = []

    /// The figures of `sessionIDs`, by id, from one query of the trace view grouped by session and user.
    static func load(_ page: PageRequest, projectID: String, sessionIDs: [String]) async throws -> [String: SessionFigures] {
        guard !sessionIDs.isEmpty else { return [:] }
        let rows = try await UserPage.traceMetrics(page, projectID, [
            "view": "traces", "dimensions": [["field": "sessionId"], ["field": "userId"]],
            "filters": [["column": "sessionId", "operator": "any of", "type": "stringOptions", "value": .array(sessionIDs.map { .string($0) })]],
            "metrics": [["measure": "count", "aggregation": "count"], ["measure": "totalCost", "aggregation": "sum"],
                        ["measure": "timestamp", "aggregation": "min"], ["measure": "timestamp", "aggregation": "max"]],
            "config": ["row_limit": 1000],
        ], from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400))
        var figures: [String: SessionFigures] = [:]
        for row in rows {
            guard let session = row["sessionId"]?.stringValue else { continue }
            var figure = figures[session] ?? SessionFigures()
            figure.traces += row["count_count"]?.numberValue ?? 0
            figure.cost += row["sum_totalCost"]?.numberValue ?? 0
            figure.first = min(figure.first, row["min_timestamp"]?.numberValue ?? .infinity)
            figure.last = max(figure.last, row["max_timestamp"]?.numberValue ?? -.infinity)
            if let user = row["userId"]?.stringValue, !user.isEmpty { figure.users.append(user) }
            figures[session] = figure
        }
        return figures
    }
}

/// `/project/{id}/sessions/{sessionId}`: the session as a conversation replay, each trace's input and output in
/// order with its scores.
enum SessionPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        guard let sessionID = page.segment(3) else { throw PageError.notFound("No session id in the address.") }
        let answer = try await page.api.get("/api/public/sessions/\(PageRenderer.escapePath(sessionID))", project: project.id)
        let traces = (answer.objectValue?["traces"]?.arrayValue ?? []).compactMap(\.objectValue)
            .sorted { ($0["timestamp"]?.stringValue ?? "") < ($1["timestamp"]?.stringValue ?? "") }
        let turns = traces.map { trace -> [String: Any] in
            let id = trace["id"]?.stringValue ?? ""
            return ["name": trace["name"]?.stringValue ?? id, "timestamp": Formatting.timestamp(trace["timestamp"]?.stringValue),
                    "href": "/project/\(PageRenderer.escapePath(project.id))/traces/\(PageRenderer.escapePath(id))",
                    "latency": Formatting.present(Formatting.latency(trace["latency"]?.numberValue)),
                    "cost": Formatting.present(Formatting.cost(trace["totalCost"]?.numberValue)),
                    "input": Payload.render(trace["input"]), "output": Payload.render(trace["output"]),
                    "scores": (trace["scores"]?.arrayValue ?? []).compactMap(\.objectValue).map(TracePage.score),
                    "hasScores": !(trace["scores"]?.arrayValue ?? []).isEmpty]
        }
        return page.pages.page(page, title: sessionID, template: "session", context: ["traces": turns, "traceCount": turns.count],
                               section: "sessions", breadcrumb: [("Sessions", "/project/\(PageRenderer.escapePath(project.id))/sessions")])
    }
}
