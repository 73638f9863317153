import Foundation
import LanternPluginSDK

/// An evaluation rule's filter: typed conditions, all AND-ed, each decidable on one subject in memory (Langfuse's
/// `unstableEvaluationRuleFilter`). Empty matches everything.
struct RuleFilter: Sendable, Hashable {
    struct Condition: Sendable, Hashable {
        var type: String
        var column: String
        var op: String
        var value: JSONValue
        var key: String?

        var json: JSONValue {
            var object: [String: JSONValue] = ["type": .string(type), "column": .string(column), "operator": .string(op), "value": value]
            if let key { object["key"] = .string(key) }
            return .object(object)
        }
    }

    /// A column a target may filter on: its filter types and, for option columns, the values it takes.
    private struct Column {
        var types: [String]
        var values: [String]? = nil
    }

    private static let observationTypes = ["GENERATION", "SPAN", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"]
    private static let levels = ["DEBUG", "DEFAULT", "WARNING", "ERROR"]

    /// The columns per target. `trace` is Lantern's own target; `model` Lantern's extra observation column.
    private static let columns: [String: [String: Column]] = [
        "observation": [
            "type": Column(types: ["stringOptions"], values: observationTypes), "name": Column(types: ["stringOptions", "string"]),
            "environment": Column(types: ["stringOptions", "string"]), "level": Column(types: ["stringOptions"], values: levels),
            "version": Column(types: ["string"]), "model": Column(types: ["stringOptions", "string"]),
            "traceName": Column(types: ["stringOptions", "string"]), "userId": Column(types: ["string", "stringOptions"]),
            "sessionId": Column(types: ["string", "stringOptions"]), "tags": Column(types: ["arrayOptions"]),
            "metadata": Column(types: ["stringObject"]), "isRootObservation": Column(types: ["boolean"]),
            "parentObservationId": Column(types: ["null"]), "calledToolNames": Column(types: ["arrayOptions"]),
            "toolCalls": Column(types: ["number"]),
        ],
        "experiment": ["datasetId": Column(types: ["stringOptions"])],
        "trace": [
            "name": Column(types: ["stringOptions", "string"]), "environment": Column(types: ["stringOptions", "string"]),
            "userId": Column(types: ["string", "stringOptions"]), "sessionId": Column(types: ["string", "stringOptions"]),
            "release": Column(types: ["string"]), "version": Column(types: ["string"]), "tags": Column(types: ["arrayOptions"]),
            "metadata": Column(types: ["stringObject"]),
        ],
    ]

    private static let operators: [String: [String]] = [
        "string": ["=", "contains", "does not contain", "starts with", "ends with"],
        "stringObject": ["=", "contains", "does not contain", "starts with", "ends with"],
        "number": ["=", ">", "<", ">=", "<="],
        "stringOptions": ["any of", "none of"],
        "arrayOptions": ["any of", "none of", "all of"],
        "boolean": ["=", "<>"],
        "null": ["is null", "is not null"],
    ]

    var conditions: [Condition]

    var json: JSONValue { .array(conditions.map(\.json)) }

    /// Reads and checks a request's `filter` for `target`; errors name the condition (`filter[1].column`).
    static func parse(_ value: JSONValue?, target: String) throws(APIError) -> RuleFilter {
        guard let value, value != .null else { return RuleFilter(conditions: []) }
        guard case .array(let items) = value else { throw EvaluationRequestError.invalidBody(["filter"], "must be a list of conditions") }
        let targetColumns = columns[target] ?? [:]
        var conditions: [Condition] = []
        for (index, item) in items.enumerated() {
            let path: [JSONValue] = ["filter", .number(Double(index))]
            let name = EvaluationRequestError.fieldName(path)
            guard case .object(let object) = item else { throw EvaluationRequestError.invalidBody(path, "must be an object {type, column, operator, value}") }
            guard case .string(let column)? = object["column"] else { throw EvaluationRequestError.invalidBody(path + ["column"], "is required") }
            guard let spec = targetColumns[column] else {
                throw APIError.evaluation(.badRequest, "invalid_filter_value",
                                          "\(name).column: '\(column)' cannot filter target \(target); columns: \(targetColumns.keys.sorted().joined(separator: ", "))",
                                          details: ["field": .string(name + ".column"), "column": .string(column)])
            }
            guard case .string(let type)? = object["type"], spec.types.contains(type) else {
                throw EvaluationRequestError.invalidBody(path + ["type"], "column \(column) takes type \(spec.types.joined(separator: " or "))")
            }
            let allowedOperators = operators[type] ?? []
            guard case .string(let op)? = object["operator"], allowedOperators.contains(op) else {
                throw EvaluationRequestError.invalidBody(path + ["operator"], "type \(type) takes \(allowedOperators.map { "'\($0)'" }.joined(separator: ", "))")
            }
            let conditionValue = object["value"] ?? .null
            try checkValue(conditionValue, type: type, column: column, spec: spec, path: path)
            var key: String?
            if type == "stringObject" {
                guard case .string(let given)? = object["key"], !given.isEmpty else { throw EvaluationRequestError.invalidBody(path + ["key"], "is required: the metadata key") }
                key = given
            }
            conditions.append(Condition(type: type, column: column, op: op, value: conditionValue, key: key))
        }
        return RuleFilter(conditions: conditions)
    }

    /// Reads a stored filter; conditions it cannot read are left out.
    static func stored(_ value: JSONValue) -> RuleFilter {
        RuleFilter(conditions: (value.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue, let type = object["type"]?.stringValue, let column = object["column"]?.stringValue,
                  let op = object["operator"]?.stringValue else { return nil }
            return Condition(type: type, column: column, op: op, value: object["value"] ?? .null, key: object["key"]?.stringValue)
        })
    }

    /// Why `subject` does not match, naming the first failing condition; nil when it matches.
    func mismatch(_ subject: EvaluationSubject) -> String? {
        for condition in conditions {
            let field = subject.field(condition.column, key: condition.key)
            if !Self.holds(condition, field) {
                let column = condition.key.map { "\(condition.column).\($0)" } ?? condition.column
                return "filter \(column) \(condition.op) \(condition.value.jsonText) did not match (value: \(Self.describe(field)))"
            }
        }
        return nil
    }

    private static func checkValue(_ value: JSONValue, type: String, column: String, spec: Column, path: [JSONValue]) throws(APIError) {
        let name = EvaluationRequestError.fieldName(path + ["value"])
        switch type {
        case "string", "stringObject":
            guard value.stringValue != nil else { throw EvaluationRequestError.invalidBody(path + ["value"], "must be a string") }
        case "number":
            guard value.numberValue != nil else { throw EvaluationRequestError.invalidBody(path + ["value"], "must be a number") }
        case "boolean":
            guard value.boolValue != nil else { throw EvaluationRequestError.invalidBody(path + ["value"], "must be true or false") }
        case "stringOptions", "arrayOptions":
            guard case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) else {
                throw EvaluationRequestError.invalidBody(path + ["value"], "must be a list of strings")
            }
            if let allowed = spec.values {
                let invalid = items.compactMap(\.stringValue).filter { !allowed.contains($0) }
                if !invalid.isEmpty {
                    throw APIError.evaluation(.badRequest, "invalid_filter_value",
                                              "\(name): \(invalid.joined(separator: ", ")) not allowed for \(column); allowed: \(allowed.joined(separator: ", "))",
                                              details: ["field": .string(name), "column": .string(column), "invalidValues": .array(invalid.map(JSONValue.string)),
                                                        "allowedValues": .array(allowed.map(JSONValue.string))])
                }
            }
        default: break
        }
    }

    private static func holds(_ condition: Condition, _ field: EvaluationSubject.Field) -> Bool {
        let options = (condition.value.arrayValue ?? []).compactMap(\.stringValue)
        switch (condition.type, field) {
        case ("string", .text(let text)), ("stringObject", .text(let text)):
            return compare(text ?? "", condition.op, condition.value.stringValue ?? "")
        case ("stringOptions", .text(let text)):
            let found = text.map(options.contains) ?? false
            return condition.op == "any of" ? found : !found
        case ("arrayOptions", .texts(let values)):
            switch condition.op {
            case "any of": return values.contains(where: options.contains)
            case "none of": return !values.contains(where: options.contains)
            default: return options.allSatisfy(values.contains)
            }
        case ("number", .number(let number)):
            guard let number, let bound = condition.value.numberValue else { return false }
            switch condition.op {
            case ">": return number > bound
            case "<": return number < bound
            case ">=": return number >= bound
            case "<=": return number <= bound
            default: return number == bound
            }
        case ("boolean", .flag(let flag)):
            let wanted = condition.value.boolValue ?? true
            return condition.op == "=" ? flag == wanted : flag != wanted
        case ("null", .text(let text)):
            return condition.op == "is null" ? text == nil : text != nil
        default:
            return false
        }
    }

    private static func compare(_ text: String, _ op: String, _ wanted: String) -> Bool {
        switch op {
        case "contains": text.contains(wanted)
        case "does not contain": !text.contains(wanted)
        case "starts with": text.hasPrefix(wanted)
        case "ends with": text.hasSuffix(wanted)
        default: text == wanted
        }
    }

    private static func describe(_ field: EvaluationSubject.Field) -> String {
        switch field {
        case .text(let text): text.map { "'\($0)'" } ?? "none"
        case .texts(let values): "[\(values.joined(separator: ", "))]"
        case .number(let number): number.map { "\($0)" } ?? "none"
        case .flag(let flag): "\(flag)"
        }
    }
}
