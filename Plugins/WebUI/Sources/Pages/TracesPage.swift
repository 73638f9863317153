import Foundation
import LanternPluginSDK

/// `/project/{id}/traces` ("Tracing"): the traces table with a time range, search, filters, sort, paging, the
/// chosen columns and auto-refresh kept in the URL, as Langfuse names them (`dateRange`, `search`, `searchType`,
/// `filter`, `orderBy`, `pageIndex`, `pageSize`).
enum TracesPage {
    /// The sort columns the traces API serves.
    static let sortable = ["timestamp", "name", "userId", "sessionId", "release", "version", "latency", "totalCost", "totalTokens"]
    /// Auto-refresh choices: (URL token, seconds).
    static let refreshChoices: [(token: String, seconds: Int)] = [("5s", 5), ("30s", 30), ("1m", 60), ("5m", 300), ("15m", 900)]

    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let order = TableOrder(page, sortable: sortable, defaultColumn: "timestamp")
        let range = DateRange(token: page.query("dateRange"))
        let filter = TraceListFilter(page, from: range.from, order: order)
        let fetch = try await TableFetch.load(page, path: "/api/public/traces", rangeParameter: nil, filters: [], extra: filter.parameters)
        let columns = TraceColumns(page, peekable: true)
        let figures = await TraceRowFigures.load(page, projectID: fetch.project.id, traceIDs: fetch.rows.compactMap { $0["id"]?.stringValue },
                                                 wantScores: columns.isVisible("scores"))
        var context = fetch.context(page, rows: fetch.rows.map { columns.cells(for: $0, figures: figures, projectID: fetch.project.id) }, noun: "traces")
        context["headers"] = columns.visible.map { column -> [String: Any] in
            var header: [String: Any] = ["label": column.label]
            if let key = column.sortKey { header["sortable"] = order.header(page, column: key) }
            return header
        }
        context["columnChoices"] = TraceColumns.all.map { ["id": $0.id, "label": $0.label, "visible": columns.isVisible($0.id)] }
        if !filter.unsupported.isEmpty { context["unsupported"] = filter.unsupported.joined(separator: ", ") }
        context["filters"] = TraceListFilter.textFields.map { ["name": $0.name, "label": $0.label, "value": page.query($0.name) ?? ""] }
        context["search"] = page.query("search") ?? ""
        let searchType = page.query("searchType") ?? "id"
        context["searchTypes"] = TraceListFilter.searchTypes.map { ["value": $0.value, "label": $0.label, "selected": $0.value == searchType] }
        context["levels"] = TraceListFilter.levels.map { ["value": $0, "selected": page.queryValues("level").contains($0)] }
        context["hasError"] = page.query("hasError") != nil
        for field in TraceListFilter.rangeFields { context[field.name] = page.query(field.name) ?? "" }
        context["scoreName"] = page.query("scoreName") ?? ""
        context["scoreValue"] = page.query("scoreValue") ?? ""
        context["scoreOperators"] = TraceListFilter.scoreOperators.map { ["value": $0, "selected": $0 == (page.query("scoreOp") ?? ">=")] }
        let refresh = refreshChoices.first { $0.token == page.query("refresh") }
        context["refreshChoices"] = refreshChoices.map { ["token": $0.token, "selected": $0.token == refresh?.token] }
        context["live"] = Formatting.present(refresh?.token)
        let active = TraceListFilter.textFields.filter { page.query($0.name) != nil }.count + TraceListFilter.rangeFields.filter { page.query($0.name) != nil }.count
            + [page.query("level"), page.query("hasError"), page.query("scoreName")].compactMap { $0 }.count
        context["filtersActive"] = active > 0 ? active as Any : false
        if let peek = page.query("peek") { context["peek"] = try await TracePeek.context(page, projectID: fetch.project.id, traceID: peek) }
        var response = page.pages.page(page, title: "Tracing", template: "traces", context: context, section: "traces")
        // Auto-refresh without script: the browser reloads the same URL, so new traces appear at the top.
        if let refresh { response.headers["refresh"] = String(refresh.seconds) }
        return response
    }

    /// A query value, percent-encoded (only RFC 3986's unreserved characters stay as they are).
    static func encode(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value }
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
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
