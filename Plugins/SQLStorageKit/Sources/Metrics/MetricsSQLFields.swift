import LanternPluginSDK

/// One field of a view as SQL: the expression over the view's table (and joined tables), its kind in
/// ``MetricsCatalog``, and the join it needs.
struct MetricsSQLField: Sendable {
    let sql: String
    let kind: MetricsCatalog.FieldKind
    let join: MetricsSQLJoin?
}

extension MetricsSQLSource {
    /// The field `name` of the view, or nil when the view has no such field.
    func field(_ name: String, dialect: MetricsSQLDialect) -> MetricsSQLField? {
        guard let kind = MetricsCatalog.fields(of: view).first(where: { $0.name == name })?.kind else { return nil }
        let column: (sql: String, join: MetricsSQLJoin?)?
        switch view {
        case .traces: column = traceColumn(name, dialect: dialect)
        case .observations: column = observationColumn(name, dialect: dialect)
        case .scoresNumeric, .scoresBoolean, .scoresCategorical: column = scoreColumn(name, dialect: dialect)
        @unknown default: column = nil
        }
        return column.map { MetricsSQLField(sql: $0.sql, kind: kind, join: $0.join) }
    }

    /// Fields of the traces view: columns of `t`.
    private func traceColumn(_ name: String, dialect: MetricsSQLDialect) -> (sql: String, join: MetricsSQLJoin?)? {
        switch name {
        case "timestampMonth": (MetricsSQLTimeText.month.sql("t.timestamp", dialect: dialect), nil)
        default: Self.traceColumns[name].map { ("t.\($0)", nil) }
        }
    }

    /// Fields of the observations view: columns of `o`, and of its trace `t` (the trace's tags and release).
    private func observationColumn(_ name: String, dialect: MetricsSQLDialect) -> (sql: String, join: MetricsSQLJoin?)? {
        switch name {
        case "isRootObservation": ("(o.parent_observation_id IS NULL)", nil)
        case "startTimeMonth": (MetricsSQLTimeText.month.sql("o.start_time", dialect: dialect), nil)
        case "traceName": ("t.name", .traces)
        case "tags": ("t.tags", .traces)
        case "release", "traceRelease": ("t.release", .traces)
        case "traceVersion": ("t.version", .traces)
        case "userId": ("t.user_id", .traces)
        case "sessionId": ("t.session_id", .traces)
        default: Self.observationColumns[name].map { ("o.\($0)", nil) }
        }
    }

    /// Fields of the score views: columns of `s`, of its trace `t` and of its observation `o`.
    private func scoreColumn(_ name: String, dialect: MetricsSQLDialect) -> (sql: String, join: MetricsSQLJoin?)? {
        switch name {
        case "timestampMonth": (MetricsSQLTimeText.month.sql("s.timestamp", dialect: dialect), nil)
        case "timestampDay": (MetricsSQLTimeText.day.sql("s.timestamp", dialect: dialect), nil)
        case "booleanValue": ("(s.value = 1)", nil)
        case "userId": ("t.user_id", .traces)
        case "traceName": ("t.name", .traces)
        case "tags": ("t.tags", .traces)
        case "traceRelease": ("t.release", .traces)
        case "traceVersion": ("t.version", .traces)
        case "observationName": ("o.name", .observations)
        case "observationModelName": ("o.model", .observations)
        case "observationPromptName": ("o.prompt_name", .observations)
        case "observationPromptVersion": ("o.prompt_version", .observations)
        default: Self.scoreColumns[name].map { ("s.\($0)", nil) }
        }
    }

    /// Trace fields stored as plain columns, by field name.
    private static let traceColumns = [
        "id": "id", "name": "name", "tags": "tags", "userId": "user_id", "sessionId": "session_id", "release": "release",
        "version": "version", "environment": "environment", "timestamp": "timestamp",
    ]

    /// Observation fields stored as plain columns of `o`, by field name.
    private static let observationColumns = [
        "id": "id", "traceId": "trace_id", "environment": "environment", "parentObservationId": "parent_observation_id",
        "type": "type", "name": "name", "level": "level", "version": "version", "providedModelName": "model",
        "promptName": "prompt_name", "promptVersion": "prompt_version", "startTime": "start_time",
    ]

    /// Score fields stored as plain columns of `s`, by field name.
    private static let scoreColumns = [
        "id": "id", "environment": "environment", "name": "name", "source": "source", "dataType": "data_type",
        "configId": "config_id", "traceId": "trace_id", "observationId": "observation_id", "sessionId": "session_id",
        "timestamp": "timestamp", "value": "value", "stringValue": "string_value",
    ]
}
