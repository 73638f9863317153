import Foundation
import LanternPluginSDK

/// The trace list's `filter` parameter (a JSON array of `{type, column, operator, value}`), which takes precedence
/// over the plain query filters. Served: equality on the trace's text fields, `any of` on environment, `all of` on
/// tags, `>=`/`<` on timestamp, every comparison on the totals of the trace's observations (latency in seconds,
/// tokens, costs), `any of` on `level` (the trace has an observation at one of those levels) and number comparisons
/// on a score named by `key` (column `scores`, type `numberObject`). Anything else is a 400 naming the filter and
/// what is served.
enum TraceFilterParser {
    private static let scoreColumns = ["scores", "scores_avg", "Scores (numeric)"]
    private static let textColumns = ["userId", "name", "sessionId", "version", "release", "environment"]
    private static let totals: [String: TraceTotalFilter.Total] = [
        "latency": .latency, "inputTokens": .inputTokens, "outputTokens": .outputTokens, "totalTokens": .totalTokens,
        "tokens": .totalTokens, "inputCost": .inputCost, "outputCost": .outputCost, "totalCost": .totalCost,
    ]

    /// `query` with the plain filters replaced by those of `text`.
    static func apply(_ text: String, to query: inout TraceQuery) throws {
        guard let parsed = JSONValue.parse(text), case .array(let filters) = parsed else {
            throw APIError.badRequest("filter: must be a JSON array of filter conditions")
        }
        (query.userID, query.name, query.sessionID, query.version, query.release) = (nil, nil, nil, nil, nil)
        (query.tags, query.environments, query.fromTimestamp, query.toTimestamp) = ([], [], nil, nil)
        (query.levels, query.scores, query.totals) = ([], [], [])
        for (index, element) in filters.enumerated() {
            let path = "filter[\(index)]"
            guard let filter = element.objectValue, let column = filter["column"]?.stringValue,
                  let operation = filter["operator"]?.stringValue else {
                throw APIError.badRequest("\(path): needs column, operator and value")
            }
            try apply(column: column, operation: operation, value: filter["value"], key: filter["key"]?.stringValue, path: path, to: &query)
        }
    }

    private static func apply(column: String, operation: String, value: JSONValue?, key: String?, path: String, to query: inout TraceQuery) throws {
        if let total = totals[column] {
            guard let comparison = TraceTotalFilter.Comparison(rawValue: operation) else {
                throw APIError.badRequest("\(path).operator: '\(operation)' is not a number comparison (=, >, <, >=, <=)")
            }
            guard let number = value?.numberValue else { throw APIError.badRequest("\(path).value: must be a number") }
            query.totals.append(TraceTotalFilter(total, comparison, number))
        } else if scoreColumns.contains(column) {
            try query.scores.append(score(operation: operation, value: value, key: key, path: path))
        } else if column == "level", operation == "any of" {
            let names = try strings(value, path: path)
            let known: Set<String> = ["DEBUG", "DEFAULT", "WARNING", "ERROR"]
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw APIError.badRequest("\(path).value: '\(unknown)' is not a level (DEBUG, DEFAULT, WARNING, ERROR)")
            }
            query.levels = names.map { ObservationLevel(rawValue: $0) }
        } else if textColumns.contains(column), operation == "=" {
            guard let text = value?.stringValue else { throw APIError.badRequest("\(path).value: must be a string") }
            switch column {
            case "userId": query.userID = text
            case "name": query.name = text
            case "sessionId": query.sessionID = text
            case "version": query.version = text
            case "release": query.release = text
            default: query.environments = [text]
            }
        } else if column == "environment", operation == "any of" {
            query.environments = try strings(value, path: path)
        } else if column == "tags", operation == "all of" {
            query.tags = try strings(value, path: path)
        } else if column == "timestamp", operation == ">=" || operation == "<" {
            guard let date = value?.stringValue.flatMap(ISO8601Timestamp.parse) else {
                throw APIError.badRequest("\(path).value: must be an ISO-8601 date-time")
            }
            if operation == ">=" { query.fromTimestamp = date } else { query.toTimestamp = date }
        } else {
            throw APIError.badRequest("\(path): '\(column) \(operation)' is not served; filters served: = on \(textColumns.joined(separator: ", ")), "
                                      + "any of on environment and level, all of on tags, >= and < on timestamp, and =, >, <, >=, <= on "
                                      + totals.keys.sorted().joined(separator: ", ") + " and on scores (with the score name as key)")
        }
    }

    /// A score condition: the score's name in `key`, a number comparison and a number (true/false for a boolean score).
    private static func score(operation: String, value: JSONValue?, key: String?, path: String) throws -> TraceScoreFilter {
        guard let key, !key.isEmpty else { throw APIError.badRequest("\(path).key: must name the score") }
        guard let comparison = TraceTotalFilter.Comparison(rawValue: operation) else {
            throw APIError.badRequest("\(path).operator: '\(operation)' is not a number comparison (=, >, <, >=, <=)")
        }
        if case .bool(let flag)? = value { return TraceScoreFilter(name: key, comparison, flag ? 1 : 0) }
        guard let number = value?.numberValue else { throw APIError.badRequest("\(path).value: must be a number") }
        return TraceScoreFilter(name: key, comparison, number)
    }

    private static func strings(_ value: JSONValue?, path: String) throws -> [String] {
        let items = value?.arrayValue ?? []
        let strings = items.compactMap(\.stringValue)
        guard value?.arrayValue != nil, strings.count == items.count else { throw APIError.badRequest("\(path).value: must be a list of strings") }
        return strings
    }
}
