import Foundation
import LanternPluginSDK

/// The trace list's conditions on a trace's observations, scores and text, as `WHERE` fragments on the `traces`
/// row with every value bound.
enum TraceConditionSQL {
    /// The trace has an observation at one of `levels`.
    static func levels(_ levels: [ObservationLevel]) -> (sql: String, values: [SQLValue]) {
        let marks = Array(repeating: "?", count: levels.count).joined(separator: ", ")
        return ("EXISTS (SELECT 1 FROM observations o WHERE o.project_id = traces.project_id AND o.trace_id = traces.id AND o.level IN (\(marks)))",
                levels.map { .text($0.rawValue) })
    }

    /// The trace has a score named as `filter` says whose value compares as it says.
    static func score(_ filter: TraceScoreFilter) -> (sql: String, values: [SQLValue]) {
        ("EXISTS (SELECT 1 FROM scores s WHERE s.project_id = traces.project_id AND s.trace_id = traces.id AND s.name = ? "
            + "AND s.value \(filter.comparison.rawValue) ?)", [.text(filter.name), .real(filter.value)])
    }

    /// The search text occurs, ignoring ASCII case, in one of the searched columns. Input and output are searched in
    /// their stored JSON text, so the text is also looked for as JSON writes it (quotes and backslashes escaped,
    /// and with non-ASCII letters as `\u` escapes, the form Python's `json.dumps` sends).
    static func search(_ search: TraceSearch, dialect: MetricsSQLDialect) -> (sql: String, values: [SQLValue]) {
        let like = dialect == .sqlite ? "LIKE" : "ILIKE"
        var columns: [(column: String, forms: [String])] = []
        if search.scopes.contains(.ids) {
            columns += ["id", "name", "user_id", "session_id"].map { ($0, [search.text]) }
        }
        let jsonForms = Array(Set([search.text, jsonEscaped(search.text, asciiOnly: false), jsonEscaped(search.text, asciiOnly: true)]))
            .sorted()
        for scope in [TraceSearch.Scope.input, .output] where search.scopes.contains(scope) {
            columns.append((dialect == .sqlite ? scope.rawValue : "\(scope.rawValue)::text", jsonForms))
        }
        var clauses: [String] = [], values: [SQLValue] = []
        for (column, forms) in columns {
            for form in forms {
                clauses.append("\(column) \(like) ? ESCAPE '\\'")
                values.append(.text("%" + likeEscaped(form) + "%"))
            }
        }
        return ("(" + clauses.joined(separator: " OR ") + ")", values)
    }

    /// `text` with LIKE's wildcards and the escape character escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// `text` as it appears inside a JSON string: quotes, backslashes and control characters escaped, and with
    /// `asciiOnly` every non-ASCII UTF-16 unit as `\uxxxx`.
    static func jsonEscaped(_ text: String, asciiOnly: Bool) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 { escaped += String(format: "\\u%04x", unit) }
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
