import Foundation

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

    /// The public API's query parameters for the filters the traces API can answer; the columns it cannot are
    /// returned too, for the page to say so.
    static func traceParameters(_ filters: [LangfuseFilter]) -> (parameters: [(name: String, value: String)], unsupported: [String]) {
        let single: [String: String] = ["name": "name", "userId": "userId", "sessionId": "sessionId", "release": "release", "version": "version"]
        var parameters: [(name: String, value: String)] = [], unsupported: [String] = []
        for filter in filters {
            if let name = single[filter.column], filter.op == "=" || (filter.op == "any of" && filter.values.count == 1), let value = filter.values.first {
                parameters.append((name, value))
            } else if filter.column == "environment", filter.op == "any of" {
                parameters += filter.values.map { ("environment", $0) }
            } else if filter.column == "tags", filter.op == "all of" || (filter.op == "any of" && filter.values.count == 1) {
                parameters += filter.values.map { ("tags", $0) }
            } else {
                unsupported.append(filter.column)
            }
        }
        return (parameters, unsupported)
    }
}
