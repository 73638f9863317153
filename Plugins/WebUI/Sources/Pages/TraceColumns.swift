import Foundation
import LanternPluginSDK

/// The traces table's columns, in Langfuse's order and with its defaults: the URL's `col` values choose which show
/// (none named: the default set), and each row becomes one cell per shown column.
struct TraceColumns {
    /// A column: its `col` value, header, whether it shows by default and the API sort field it sorts by.
    struct Column {
        let id: String
        let label: String
        let shownByDefault: Bool
        let sortKey: String?
    }

    static let all: [Column] = [
        Column(id: "timestamp", label: "Timestamp", shownByDefault: true, sortKey: "timestamp"),
        Column(id: "name", label: "Name", shownByDefault: true, sortKey: "name"),
        Column(id: "input", label: "Input", shownByDefault: true, sortKey: nil),
        Column(id: "output", label: "Output", shownByDefault: true, sortKey: nil),
        Column(id: "levels", label: "Observation Levels", shownByDefault: true, sortKey: nil),
        Column(id: "latency", label: "Latency", shownByDefault: true, sortKey: "latency"),
        Column(id: "tokens", label: "Tokens", shownByDefault: true, sortKey: "totalTokens"),
        Column(id: "cost", label: "Total Cost", shownByDefault: true, sortKey: "totalCost"),
        Column(id: "environment", label: "Environment", shownByDefault: true, sortKey: nil),
        Column(id: "tags", label: "Tags", shownByDefault: true, sortKey: nil),
        Column(id: "scores", label: "Scores", shownByDefault: false, sortKey: nil),
        Column(id: "user", label: "User", shownByDefault: true, sortKey: "userId"),
        Column(id: "session", label: "Session", shownByDefault: true, sortKey: "sessionId"),
        Column(id: "observations", label: "Observations", shownByDefault: false, sortKey: nil),
        Column(id: "version", label: "Version", shownByDefault: false, sortKey: "version"),
        Column(id: "release", label: "Release", shownByDefault: false, sortKey: "release"),
        Column(id: "id", label: "Trace ID", shownByDefault: false, sortKey: nil),
    ]

    /// Level chips in Langfuse's order, with text symbols rather than its emoji, which a system without an emoji
    /// font draws as empty boxes.
    private static let levelChips: [(level: String, symbol: String, kind: String)] = [
        ("ERROR", "✖", "level error"), ("WARNING", "⚠", "level warning"), ("DEFAULT", "ℹ", "level default"), ("DEBUG", "•", "level debug"),
    ]

    /// The shown columns, in order.
    let visible: [Column]

    /// The columns `page` asks for; `peekable` adds a peek link beside each name.
    init(_ page: PageRequest, peekable: Bool = false) {
        let chosen = Set(page.queryValues("col"))
        let named = Self.all.filter { chosen.contains($0.id) }
        visible = named.isEmpty ? Self.all.filter(\.shownByDefault) : named
        let kept = page.request.query.sorted { $0.key < $1.key }.filter { $0.key != "peek" }
        peekBase = peekable ? (page.request.path, kept.flatMap { name, values in values.map { URLQueryItem(name: name, value: $0) } }) : nil
    }

    func isVisible(_ id: String) -> Bool { visible.contains { $0.id == id } }

    /// The table's own URL with `peek={traceId}` (every other parameter kept), which opens the trace beside the table;
    /// nil where the page has no peek.
    private let peekBase: (path: String, query: [URLQueryItem])?

    private func peekLink(_ traceID: String) -> Any {
        guard let peekBase else { return false }
        var components = URLComponents()
        components.queryItems = peekBase.query + [URLQueryItem(name: "peek", value: traceID)]
        return peekBase.path + "?" + (components.percentEncodedQuery ?? "")
    }

    /// A row's cells: `{class?, link?: {href, text}, plain?, chips?: [{label, kind, title?}]}` per shown column.
    func cells(for trace: [String: JSONValue], figures: TraceRowFigures, projectID: String) -> [String: Any] {
        let id = trace["id"]?.stringValue ?? ""
        let base = "/project/\(PageRenderer.escapePath(projectID))"
        var href = "\(base)/traces/\(PageRenderer.escapePath(id))"
        if let timestamp = trace["timestamp"]?.stringValue, let encoded = timestamp.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            href += "?timestamp=\(encoded)"
        }
        func text(_ value: String?, _ kind: String? = nil) -> [String: Any] {
            var cell: [String: Any] = ["plain": Formatting.present(value)]
            if let kind { cell["class"] = kind }
            return cell
        }
        func link(_ target: String?, _ value: String?) -> [String: Any] {
            guard let value, let target else { return text(nil) }
            return ["link": ["href": target, "text": value]]
        }
        let cells = visible.map { column -> [String: Any] in
            switch column.id {
            case "timestamp": return text(Formatting.timestamp(trace["timestamp"]?.stringValue), "nowrap")
            case "name":
                var cell = link(href, trace["name"]?.stringValue ?? id)
                cell["peekHref"] = peekLink(id)
                return cell
            case "input": return text(Formatting.preview(trace["input"]), "preview")
            case "output": return text(Formatting.preview(trace["output"]), "preview output")
            case "levels":
                let counts = figures.levels[id] ?? [:]
                return ["class": "nowrap", "chips": Self.levelChips.compactMap { chip -> [String: Any]? in
                    guard let count = counts[chip.level], count > 0 else { return nil }
                    return ["label": "\(chip.symbol) \(count)", "kind": chip.kind, "title": "\(count) \(chip.level)"]
                }]
            case "latency": return text(Formatting.latency(trace["latency"]?.numberValue), "num")
            case "tokens":
                return text(Formatting.tokens(input: trace["inputTokens"]?.numberValue, output: trace["outputTokens"]?.numberValue,
                                              total: trace["totalTokens"]?.numberValue), "num nowrap")
            case "cost": return text(Formatting.cost(trace["totalCost"]?.numberValue), "num")
            case "environment": return text(trace["environment"]?.stringValue)
            case "tags": return ["chips": (trace["tags"]?.arrayValue ?? []).compactMap(\.stringValue).map { ["label": $0, "kind": "tag"] }]
            case "scores":
                return ["chips": (figures.scores[id] ?? [:]).sorted { $0.key < $1.key }.map { name, value in
                    ["label": "\(name): \(Formatting.number((value * 1000).rounded() / 1000))", "kind": "badge outline"]
                }]
            case "user":
                let user = trace["userId"]?.stringValue
                return link(user.map { "\(base)/users/\(PageRenderer.escapePath($0))" }, user)
            case "session":
                let session = trace["sessionId"]?.stringValue
                return link(session.map { "\(base)/sessions/\(PageRenderer.escapePath($0))" }, session)
            case "observations": return text(String(trace["observations"]?.arrayValue?.count ?? 0), "num")
            case "version": return text(trace["version"]?.stringValue)
            case "release": return text(trace["release"]?.stringValue)
            default: return text(id, "id")
            }
        }
        return ["cells": cells]
    }
}
