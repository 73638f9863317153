import Foundation
import LanternPluginSDK

/// The v2 score list's structured `filter` parameter (a JSON array of `{type, column, operator, value, key?}`), added to
/// the query parameters' filters. Served: `stringObject` on `metadata` (=, contains, does not contain, starts with,
/// ends with), `=` on name, source, dataType, configId, queueId, traceId, sessionId, environment, `any of` on
/// environment, number comparisons on value, `>=`/`<` on timestamp. Anything else is a 400 naming the filter.
enum ScoreFilterParser {
    private static let textColumns = ["name", "source", "dataType", "configId", "queueId", "traceId", "sessionId", "environment"]

    static func apply(_ text: String, to query: inout ScoreQuery) throws {
        guard let parsed = JSONValue.parse(text), case .array(let filters) = parsed else {
            throw APIError.badRequest("filter: must be a JSON array of filter conditions")
        }
        for (index, element) in filters.enumerated() {
            let path = "filter[\(index)]"
            guard let filter = element.objectValue, let column = filter["column"]?.stringValue, let operation = filter["operator"]?.stringValue else {
                throw APIError.badRequest("\(path): needs type, column, operator and value")
            }
            try apply(column: column, operation: operation, filter: filter, path: path, to: &query)
        }
    }

    private static func apply(column: String, operation: String, filter: [String: JSONValue], path: String, to query: inout ScoreQuery) throws {
        let value = filter["value"]
        if column == "metadata" {
            guard let key = filter["key"]?.stringValue, !key.isEmpty else { throw APIError.badRequest("\(path).key: is required for metadata") }
            guard let comparison = MetricsFilter.TextOperator(rawValue: operation) else {
                throw APIError.badRequest("\(path).operator: one of =, contains, does not contain, starts with, ends with (got \(operation))")
            }
            guard let text = value?.stringValue else { throw APIError.badRequest("\(path).value: must be a string") }
            query.metadata.append(MetadataTextCondition(key: key, comparison: comparison, value: text))
        } else if textColumns.contains(column), operation == "=" {
            guard let text = value?.stringValue else { throw APIError.badRequest("\(path).value: must be a string") }
            try setText(column, text, path: path, on: &query)
        } else if column == "environment", operation == "any of" {
            let items = value?.arrayValue ?? []
            let texts = items.compactMap(\.stringValue)
            guard value?.arrayValue != nil, texts.count == items.count else { throw APIError.badRequest("\(path).value: must be a list of strings") }
            query.environments = texts
        } else if column == "value", let comparison = ScoreQuery.Comparison.all.first(where: { $0.rawValue == operation }) {
            guard let number = value?.numberValue else { throw APIError.badRequest("\(path).value: must be a number") }
            (query.comparison, query.value) = (comparison, number)
        } else if column == "timestamp", operation == ">=" || operation == "<" {
            guard let date = value?.stringValue.flatMap(ISO8601Timestamp.parse) else { throw APIError.badRequest("\(path).value: must be an ISO-8601 date-time") }
            if operation == ">=" { query.fromTimestamp = date } else { query.toTimestamp = date }
        } else {
            throw APIError.badRequest("\(path): '\(column) \(operation)' is not served; filters served: stringObject on metadata, = on "
                                      + "\(textColumns.joined(separator: ", ")), any of on environment, comparisons on value, >= and < on timestamp")
        }
    }

    private static func setText(_ column: String, _ text: String, path: String, on query: inout ScoreQuery) throws {
        switch column {
        case "name": query.name = text
        case "source":
            guard ScoreSource.all.map(\.rawValue).contains(text.uppercased()) else { throw APIError.badRequest("\(path).value: not a score source") }
            query.source = ScoreSource(rawValue: text.uppercased())
        case "dataType":
            guard ScoreDataType.all.map(\.rawValue).contains(text.uppercased()) else { throw APIError.badRequest("\(path).value: not a data type") }
            query.dataType = ScoreDataType(rawValue: text.uppercased())
        case "configId": query.configID = text
        case "queueId": query.queueID = text
        case "traceId": query.traceID = text
        case "sessionId": query.sessionID = text
        default: query.environments = [text]
        }
    }
}
