import Foundation
import LanternPluginSDK

/// `/project/{id}/sessions`: the sessions table, newest first, paged like the traces table.
enum SessionsPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let paging = Paging(page)
        let answer = try await page.api.get("/api/public/sessions", project: project.id, query: paging.apiQuery)
        let rows = (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue).map { session -> [String: Any] in
            let id = session["id"]?.stringValue ?? ""
            return ["id": id, "href": "/project/\(PageRenderer.escapePath(project.id))/sessions/\(PageRenderer.escapePath(id))",
                    "createdAt": Formatting.timestamp(session["createdAt"]?.stringValue), "environment": session["environment"]?.stringValue ?? ""]
        }
        var context = paging.context(total: Int(answer.objectValue?["meta"]?.objectValue?["totalItems"]?.numberValue ?? 0), page: page)
        context["rows"] = rows
        context["empty"] = rows.isEmpty
        context["noun"] = "sessions"
        return page.pages.page(page, title: "Sessions", template: "sessions", context: context, section: "sessions")
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
