import Foundation
import LanternPluginSDK

/// Langfuse's table filter parameter, so a pasted Langfuse link filters the same way: `filter=` holds filters
/// separated by commas, each `column;type;key;operator;value`, the value URL-encoded and several values joined with
/// `|` (a literal `|` written `\|`).
struct LangfuseFilter: Equatable {
    let column: String
    let type: String
    let key: String
    let op: String
    let values: [String]

    /// Every well-formed filter of `text`; malformed parts are skipped.
    static func parse(_ text: String) -> [LangfuseFilter] {
        text.split(separator: ",").compactMap { part in
            let fields = part.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return nil }
            let value = fields[4].removingPercentEncoding ?? fields[4]
            return LangfuseFilter(column: fields[0], type: fields[1], key: fields[2], op: fields[3], values: splitValues(value))
        }
    }

    /// `a|b\|c` → `["a", "b|c"]`.
    static func splitValues(_ text: String) -> [String] {
        var values: [String] = [], current = "", escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "|" {
                values.append(current)
                current = ""
            } else { current.append(character) }
        }
        values.append(current)
        return values.filter { !$0.isEmpty }
    }

    /// The traces API's `filter` conditions for the filters it can answer; the columns it cannot are returned too,
    /// for the page to say so.
    static func traceConditions(_ filters: [LangfuseFilter]) -> (conditions: [JSONValue], unsupported: [String]) {
        let text: Set<String> = ["name", "userId", "sessionId", "release", "version"]
        let totals: Set<String> = ["latency", "totalCost", "inputCost", "outputCost", "inputTokens", "outputTokens", "totalTokens"]
        var conditions: [JSONValue] = [], unsupported: [String] = []
        for filter in filters {
            let single = filter.op == "=" || (filter.op == "any of" && filter.values.count == 1)
            if text.contains(filter.column), single, let value = filter.values.first {
                conditions.append(TraceListFilter.condition(filter.column, "=", .string(value), type: "string"))
            } else if filter.column == "environment" || filter.column == "level", filter.op == "any of" {
                conditions.append(TraceListFilter.condition(filter.column, "any of", .array(filter.values.map { .string($0) }), type: "stringOptions"))
            } else if filter.column == "tags", filter.op == "all of" || (filter.op == "any of" && filter.values.count == 1) {
                conditions.append(TraceListFilter.condition("tags", "all of", .array(filter.values.map { .string($0) }), type: "arrayOptions"))
            } else if totals.contains(filter.column), let value = filter.values.first.flatMap(Double.init) {
                conditions.append(TraceListFilter.condition(filter.column, filter.op, .number(value), type: "number"))
            } else if filter.column == "scores_avg" || filter.column == "Scores (numeric)", !filter.key.isEmpty,
                      let value = filter.values.first.flatMap(Double.init) {
                conditions.append(TraceListFilter.condition("scores", filter.op, .number(value), type: "numberObject", key: filter.key))
            } else {
                unsupported.append(filter.column)
            }
        }
        return (conditions, unsupported)
    }
}
