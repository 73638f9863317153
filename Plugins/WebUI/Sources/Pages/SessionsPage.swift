import Foundation
import LanternPluginSDK

/// `/project/{id}/sessions`: the sessions table, newest first, paged like the traces table.
enum SessionsPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let pageIndex = max(0, Int(page.query("pageIndex") ?? "") ?? 0)
        let pageSize = min(100, max(1, Int(page.query("pageSize") ?? "") ?? 50))
        let answer = try await page.api.get("/api/public/sessions", project: project.id,
                                            query: [("page", String(pageIndex + 1)), ("limit", String(pageSize))])
        let rows = (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue).map { session -> [String: Any] in
            let id = session["id"]?.stringValue ?? ""
            return ["id": id, "href": "/project/\(PageRenderer.escapePath(project.id))/sessions/\(PageRenderer.escapePath(id))",
                    "createdAt": Formatting.timestamp(session["createdAt"]?.stringValue), "environment": session["environment"]?.stringValue ?? ""]
        }
        let total = Int(answer.objectValue?["meta"]?.objectValue?["totalItems"]?.numberValue ?? 0)
        let pages = max(1, (total + pageSize - 1) / pageSize)
        let base = "/project/\(PageRenderer.escapePath(project.id))/sessions?pageSize=\(pageSize)&pageIndex="
        let context: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "total": total, "pageNumber": pageIndex + 1, "pageCount": pages,
            "previous": pageIndex > 0 ? base + String(pageIndex - 1) : false, "next": pageIndex + 1 < pages ? base + String(pageIndex + 1) : false,
        ]
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
