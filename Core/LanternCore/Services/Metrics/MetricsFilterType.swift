import Foundation
import LanternPluginSDK

/// The `type` of a metrics filter as Langfuse names it: which operators it takes, what its value is, and which
/// columns it fits. Reads a filter's `operator` and `value` into a ``MetricsFilter/Condition``.
enum MetricsFilterType: String, Sendable, CaseIterable {
    /// Langfuse's filter types, by the name a filter's `type` gives: `datetime` for the time field, `string`,
    /// `stringOptions` and `categoryOptions` for text fields, `number`, `arrayOptions` for tags, `stringObject` and
    /// `numberObject` for a metadata key, `boolean`, and `null` (is null / is not null) for any field.
    case datetime, string, number, stringOptions, categoryOptions, arrayOptions, stringObject, numberObject, boolean
    case null

    /// The kinds of view fields this type filters; empty for the metadata-only types.
    var fieldKinds: Set<MetricsCatalog.FieldKind> {
        switch self {
        case .datetime: [.time]
        case .string, .stringOptions, .categoryOptions: [.text]
        case .number: [.number]
        case .arrayOptions: [.array]
        case .boolean: [.boolean]
        case .null: [.text, .number, .array, .boolean, .time]
        case .stringObject, .numberObject: []
        }
    }

    /// Whether the type filters a key of the `metadata` column.
    var isMetadataType: Bool { self == .stringObject || self == .numberObject }

    /// The filter's `operator` and `value` as a condition; fails naming whichever of the two does not fit the type.
    func condition(of filter: MetricsQueryObject) throws(ValidationFailure) -> MetricsFilter.Condition {
        let value = filter.value("value")
        switch self {
        case .string, .stringObject:
            let comparison = try pick(MetricsFilter.TextOperator.allCases, in: filter)
            guard case .string(let text)? = value else { throw mismatch(value, "a string", in: filter) }
            return .text(comparison, text)
        case .number, .numberObject:
            let comparison = try pick(MetricsFilter.Comparison.allCases, in: filter)
            guard case .number(let number)? = value else { throw mismatch(value, "a number", in: filter) }
            return .number(comparison, number)
        case .datetime:
            let comparison = try pick(MetricsFilter.Comparison.allCases.filter { $0 != .equals }, in: filter)
            guard case .string(let text)? = value, let date = ISO8601Timestamp.parse(text) else {
                throw mismatch(value, "an ISO 8601 date-time string", in: filter)
            }
            return .date(comparison, date)
        case .stringOptions, .categoryOptions, .arrayOptions:
            let allowed: [MetricsFilter.OptionsOperator] = self == .arrayOptions ? [.anyOf, .noneOf, .allOf] : [.anyOf, .noneOf]
            let comparison = try pick(allowed, in: filter)
            guard case .array(let elements)? = value else { throw mismatch(value, "an array of strings", in: filter) }
            let strings = elements.compactMap(\.stringValue)
            guard strings.count == elements.count else { throw mismatch(value, "an array of strings", in: filter) }
            // As in Langfuse: stringOptions, and arrayOptions with `any of`, need at least one value.
            if strings.isEmpty, self == .stringOptions || (self == .arrayOptions && comparison == .anyOf) {
                throw filter.failure("must hold at least one string for '\(comparison.rawValue)'", at: "value")
            }
            return .options(comparison, strings)
        case .boolean:
            let comparison = try pick(BooleanOperator.allCases, in: filter)
            guard case .bool(let flag)? = value else { throw mismatch(value, "true or false", in: filter) }
            return .boolean(equals: comparison == .equals ? flag : !flag)
        case .null:
            let comparison = try pick(NullOperator.allCases, in: filter)
            guard value == nil || value == .string("") else { throw mismatch(value, "\"\" or absent", in: filter) }
            return .isNull(comparison == .isNull)
        }
    }

    /// The operators of a boolean filter.
    private enum BooleanOperator: String, CaseIterable {
        case equals = "=", notEquals = "<>"
    }

    /// The operators of a null filter.
    private enum NullOperator: String, CaseIterable {
        case isNull = "is null", isNotNull = "is not null"
    }

    /// The filter's `operator`, which must be one of `allowed`.
    private func pick<Operator: RawRepresentable>(_ allowed: [Operator], in filter: MetricsQueryObject) throws(ValidationFailure) -> Operator
    where Operator.RawValue == String {
        let name = try filter.string("operator")
        guard let chosen = allowed.first(where: { $0.rawValue == name }) else {
            let names = allowed.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw filter.failure("'\(name)' is not an operator of type \(rawValue) (\(names))", at: "operator")
        }
        return chosen
    }

    /// The failure for a `value` that is not what the type takes.
    private func mismatch(_ value: JSONValue?, _ expected: String, in filter: MetricsQueryObject) -> ValidationFailure {
        filter.failure("type \(rawValue) takes \(expected) (got \(MetricsQueryObject.show(value)))", at: "value")
    }
}
