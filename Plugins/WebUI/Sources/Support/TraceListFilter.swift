import Foundation
import LanternPluginSDK

/// The traces table's form, read from the URL into the traces API's `filter` JSON (one condition per filled
/// field; the API ANDs them) and its `search`, `searchType` and `orderBy` parameters.
struct TraceListFilter {
    /// The text fields of the form, each an `=` condition on the column of the same name (tags and environment
    /// are lists).
    static let textFields: [(name: String, label: String)] = [
        ("name", "Name"), ("userId", "User ID"), ("sessionId", "Session ID"), ("tags", "Tag"), ("environment", "Environment"),
        ("release", "Release"), ("version", "Version"),
    ]
    /// Number fields: (query parameter, API column, operator).
    static let rangeFields: [(name: String, column: String, op: String)] = [
        ("latencyMin", "latency", ">="), ("latencyMax", "latency", "<="), ("costMin", "totalCost", ">="), ("costMax", "totalCost", "<="),
    ]
    static let levels = ["ERROR", "WARNING", "DEFAULT", "DEBUG"]
    static let scoreOperators = [">=", "<=", "=", ">", "<"]
    /// Langfuse's search modes (`searchType`) and what each searches.
    static let searchTypes: [(value: String, label: String)] = [
        ("id", "IDs / Names"), ("content", "Full text: Content"), ("input", "Full text: Input"), ("output", "Full text: Output"),
    ]

    /// Every condition of the form and of a pasted Langfuse `filter=`.
    let conditions: [JSONValue]
    /// The columns of a pasted Langfuse `filter=` the API cannot filter on.
    let unsupported: [String]
    /// The API's extra parameters: `filter`, `search`, `searchType`, `orderBy`, and the keyset `cursor` of a next-page link.
    let parameters: [(name: String, value: String)]

    init(_ page: PageRequest, from: Date?, order: TableOrder) {
        var conditions: [JSONValue] = []
        if let from { conditions.append(Self.condition("timestamp", ">=", .string(ISO8601Timestamp.format(from)), type: "datetime")) }
        for field in Self.textFields {
            let values = page.queryValues(field.name)
            guard !values.isEmpty else { continue }
            switch field.name {
            case "tags": conditions.append(Self.condition("tags", "all of", .array(values.map { .string($0) }), type: "arrayOptions"))
            case "environment": conditions.append(Self.condition("environment", "any of", .array(values.map { .string($0) }), type: "stringOptions"))
            default: conditions.append(Self.condition(field.name, "=", .string(values[0]), type: "string"))
            }
        }
        var levels = page.queryValues("level").filter(Self.levels.contains)
        if page.query("hasError") != nil, !levels.contains("ERROR") { levels = levels.isEmpty ? ["ERROR"] : levels + ["ERROR"] }
        if !levels.isEmpty { conditions.append(Self.condition("level", "any of", .array(levels.map { .string($0) }), type: "stringOptions")) }
        for field in Self.rangeFields {
            if let value = page.query(field.name).flatMap(Double.init) { conditions.append(Self.condition(field.column, field.op, .number(value), type: "number")) }
        }
        if let name = page.query("scoreName"), let value = page.query("scoreValue").flatMap(Double.init) {
            let op = page.query("scoreOp").flatMap { Self.scoreOperators.contains($0) ? $0 : nil } ?? ">="
            conditions.append(Self.condition("scores", op, .number(value), type: "numberObject", key: name))
        }
        let linked = LangfuseFilter.traceConditions(page.query("filter").map(LangfuseFilter.parse) ?? [])
        conditions += linked.conditions
        self.conditions = conditions
        unsupported = linked.unsupported

        var parameters: [(name: String, value: String)] = [("filter", JSONValue.array(conditions).jsonText)]
        if let search = page.query("search") {
            parameters.append(("search", search))
            parameters += page.queryValues("searchType").filter { type in Self.searchTypes.contains { $0.value == type } }.map { ("searchType", $0) }
        }
        parameters.append(("orderBy", "\(order.column).\(order.ascending ? "asc" : "desc")"))
        if let cursor = page.query("cursor"), order.column == "timestamp", !order.ascending { parameters.append(("cursor", cursor)) }
        self.parameters = parameters
    }

    /// One condition of the API's `filter` JSON.
    static func condition(_ column: String, _ op: String, _ value: JSONValue, type: String, key: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["column": .string(column), "operator": .string(op), "value": value, "type": .string(type)]
        if let key { object["key"] = .string(key) }
        return .object(object)
    }
}
