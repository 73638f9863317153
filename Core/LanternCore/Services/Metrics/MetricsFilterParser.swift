import LanternPluginSDK

/// Reads the `filters` of a metrics query: each `{column, operator, value, type, key?}` names a field of the view,
/// the view's time field, or `metadata` with a `key`, and its type must fit the column.
enum MetricsFilterParser {
    /// The column of metadata filters.
    static let metadataColumn = "metadata"
    /// Langfuse's own name for the observations' time column, accepted as an alias of `startTime`.
    static let observationTimeColumn = "start_time"

    /// The optional `filters` array (empty when absent), in the order sent.
    static func filters(in query: MetricsQueryObject, view: MetricsQuery.View) throws(ValidationFailure) -> [MetricsFilter] {
        var filters: [MetricsFilter] = []
        for item in try query.objects("filters", shape: "{column, operator, value, type}") ?? [] {
            filters.append(try filter(item, view: view))
        }
        return filters
    }

    private static func filter(_ item: MetricsQueryObject, view: MetricsQuery.View) throws(ValidationFailure) -> MetricsFilter {
        let typeName = try item.string("type")
        guard let type = MetricsFilterType(rawValue: typeName) else {
            let names = MetricsFilterType.allCases.map(\.rawValue).joined(separator: ", ")
            throw item.failure("'\(typeName)' is not a filter type (\(names))", at: "type")
        }
        let column = try item.string("column")
        if column == metadataColumn {
            guard type.isMetadataType else {
                throw item.failure("metadata filters take type stringObject or numberObject with a key, not '\(typeName)'", at: "type")
            }
            let key = try item.string("key")
            return MetricsFilter(column: column, key: key, condition: try type.condition(of: item))
        }
        let fields = MetricsCatalog.fields(of: view)
        let name = view == .observations && column == observationTimeColumn ? MetricsCatalog.timeField(of: view) : column
        guard let field = fields.first(where: { $0.name == name }) else {
            let columns = (fields.map(\.name) + [metadataColumn]).joined(separator: ", ")
            throw item.failure("'\(column)' is not a column of the \(view.rawValue) view (\(columns))", at: "column")
        }
        guard type.fieldKinds.contains(field.kind) else {
            let fitting = MetricsFilterType.allCases.filter { $0.fieldKinds.contains(field.kind) }.map(\.rawValue)
            throw item.failure("'\(typeName)' does not fit column \(field.name) (use one of \(fitting.joined(separator: ", ")))", at: "type")
        }
        return MetricsFilter(column: field.name, condition: try type.condition(of: item))
    }
}
