import Foundation
import LanternPluginSDK

/// `/project/{id}/traces` ("Tracing"): the traces table with a time range, filters and paging kept in the URL, as
/// Langfuse names them (`dateRange`, `pageIndex`, `pageSize`, and the filter fields).
enum TracesPage {
    /// The filter fields of the form, each sent to `GET /api/public/traces` under the same name.
    static let filterFields: [(name: String, label: String)] = [
        ("name", "Name"), ("userId", "User ID"), ("sessionId", "Session ID"), ("tags", "Tag"), ("environment", "Environment"),
        ("release", "Release"), ("version", "Version"),
    ]

    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let linked = LangfuseFilter.traceParameters(page.query("filter").map(LangfuseFilter.parse) ?? [])
        let fetch = try await TableFetch.load(page, path: "/api/public/traces", rangeParameter: "fromTimestamp", filters: filterFields.map(\.name),
                                              extra: linked.parameters)
        var context = fetch.context(page, rows: fetch.rows.map { row(for: $0, projectID: fetch.project.id) }, noun: "traces")
        if !linked.unsupported.isEmpty { context["unsupported"] = linked.unsupported.joined(separator: ", ") }
        context["filters"] = filterFields.map { ["name": $0.name, "label": $0.label, "value": page.query($0.name) ?? ""] }
        return page.pages.page(page, title: "Tracing", template: "traces", context: context, section: "traces")
    }

    private static func row(for trace: [String: JSONValue], projectID: String) -> [String: Any] {
        let id = trace["id"]?.stringValue ?? ""
        let timestamp = trace["timestamp"]?.stringValue
        var href = "/project/\(PageRenderer.escapePath(projectID))/traces/\(PageRenderer.escapePath(id))"
        if let timestamp, let encoded = timestamp.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { href += "?timestamp=\(encoded)" }
        let userID = trace["userId"]?.stringValue, sessionID = trace["sessionId"]?.stringValue
        return [
            "id": id, "href": href, "timestamp": Formatting.timestamp(timestamp), "name": trace["name"]?.stringValue ?? id,
            "input": Formatting.preview(trace["input"]), "output": Formatting.preview(trace["output"]),
            "latency": Formatting.latency(trace["latency"]?.numberValue), "cost": Formatting.cost(trace["totalCost"]?.numberValue),
            "environment": trace["environment"]?.stringValue ?? "",
            "tags": (trace["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
            "observations": trace["observations"]?.arrayValue?.count ?? 0,
            "user": userID.map { ["id": $0, "href": "/project/\(PageRenderer.escapePath(projectID))/traces?userId=\(Self.encode($0))"] } ?? false,
            "session": sessionID.map { ["id": $0, "href": "/project/\(PageRenderer.escapePath(projectID))/sessions/\(PageRenderer.escapePath($0))"] } ?? false,
        ]
    }

    static func encode(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value }
}

/// Langfuse's time range tokens (`dateRange=1d`); without one, the past day.
struct DateRange {
    static let presets = ["5m", "30m", "1h", "3h", "6h", "1d", "3d", "7d", "14d", "30d", "90d", "1y", "All"]
    let token: String
    let from: Date?

    /// The preset choices for a `<select>`, this one selected.
    var options: [[String: Any]] { Self.presets.map { ["token": $0, "selected": $0 == token] } }

    init(token: String?, now: Date = Date()) {
        let chosen = token.flatMap { Self.presets.contains($0) ? $0 : nil } ?? "1d"
        self.token = chosen
        from = Self.seconds(chosen).map { now.addingTimeInterval(-$0) }
    }

    private static func seconds(_ token: String) -> Double? {
        guard token != "All", let unit = token.last, let count = Double(token.dropLast()) else { return nil }
        switch unit {
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86_400
        case "y": return count * 365 * 86_400
        default: return nil
        }
    }
}
