import Foundation
import LanternPluginSDK

/// What a filter compares: a field of the view, or one top-level key of the view's metadata.
enum MetricsSQLFilterTarget: Sendable {
    case field(MetricsSQLField)
    case metadata(key: String)

    /// The join the target needs, if any.
    var join: MetricsSQLJoin? {
        if case .field(let field) = self { field.join } else { nil }
    }
}

extension MetricsSQLSource {
    /// What `filter` compares; throws when its column is not a field of the view or a metadata key.
    func target(of filter: MetricsFilter, dialect: MetricsSQLDialect) throws(MetricsSQLError) -> MetricsSQLFilterTarget {
        if filter.column == "metadata" {
            guard let key = filter.key else { throw .missingMetadataKey }
            return .metadata(key: key)
        }
        guard let field = field(filter.column, dialect: dialect) else { throw .unknownField(filter.column) }
        return .field(field)
    }

    /// The SQL condition of `filter` on `target`, binding every value it compares with; throws when the
    /// condition does not apply to the target's kind.
    func condition(_ filter: MetricsFilter, on target: MetricsSQLFilterTarget,
                   parameters: inout MetricsSQLParameters) throws(MetricsSQLError) -> String {
        let dialect = parameters.dialect
        switch target {
        case .field(let field):
            switch (field.kind, filter.condition) {
            case (.text, .text(let op, let value)):
                return dialect.textMatch(field.sql, op, value, parameters: &parameters)
            case (.text, .options(let op, let values)) where op != .allOf:
                return Self.membership(field.sql, op, values, parameters: &parameters)
            case (.array, .options(let op, let values)):
                return dialect.arrayMembership(field.sql, op, values, parameters: &parameters)
            case (.number, .number(let op, let value)):
                return "\(field.sql) \(op.rawValue) \(parameters.bind(.real(value)))"
            case (.time, .date(let op, let date)):
                return "\(field.sql) \(op.rawValue) \(parameters.bind(.real(date.timeIntervalSinceReferenceDate)))"
            case (.boolean, .boolean(let flag)):
                return "\(field.sql) = \(dialect.literal(flag))"
            case (_, .isNull(let isNull)):
                return "\(field.sql) \(isNull ? "IS NULL" : "IS NOT NULL")"
            default:
                throw .unsupportedFilter(filter.column)
            }
        case .metadata(let key):
            switch filter.condition {
            case .text(let op, let value):
                let text = dialect.metadataText(metadataColumn, key: key, parameters: &parameters)
                return dialect.textMatch(text, op, value, parameters: &parameters)
            case .options(let op, let values) where op != .allOf:
                let text = dialect.metadataText(metadataColumn, key: key, parameters: &parameters)
                return Self.membership(text, op, values, parameters: &parameters)
            case .number(let op, let value):
                let number = dialect.metadataNumber(metadataColumn, key: key, parameters: &parameters)
                return "\(number) \(op.rawValue) \(parameters.bind(.real(value)))"
            case .isNull(let isNull):
                let text = dialect.metadataText(metadataColumn, key: key, parameters: &parameters)
                return "\(text) \(isNull ? "IS NULL" : "IS NOT NULL")"
            default:
                throw .unsupportedFilter(filter.column)
            }
        }
    }

    /// `value IN (...)` or `NOT IN`; an empty list matches nothing (`any of`) or everything (`none of`).
    private static func membership(_ value: String, _ op: MetricsFilter.OptionsOperator, _ options: [String],
                                   parameters: inout MetricsSQLParameters) -> String {
        guard !options.isEmpty else { return op == .anyOf ? "1 = 0" : "1 = 1" }
        return "\(value) \(op == .anyOf ? "IN" : "NOT IN") (\(parameters.bindList(options)))"
    }
}
