import LanternPluginSDK

/// One aggregate SQL statement answering a ``MetricsQuery`` for one project, for SQLite or PostgreSQL, with
/// its bound values and a description of its result columns.
///
/// The statement aggregates a per-row subquery (one row per trace, observation or score in `from ..< to` that
/// passes every filter) grouped by the dimensions and the time bucket, ordered by `orderBy` then by the
/// groups, limited to `rowLimit` rows. Every value from the query is bound, never written into the text.
///
/// A storage runs ``sql`` with ``bindings``, reads each row's cells in ``columns`` order, and turns them into
/// ``MetricsRow``s with ``row(from:)``. SQLite needs the `lantern_percentile` and `lantern_histogram` aggregate
/// functions registered on the connection; PostgreSQL needs the `lantern_histogram` function in the schema.
package struct MetricsSQL: Sendable, Hashable {
    /// The statement text: `?` placeholders in SQLite, `$1, $2, …` (each cast to its type) in PostgreSQL.
    package let sql: String
    /// The values of the placeholders, in order; never ``SQLValue/null``.
    package let bindings: [SQLValue]
    /// The result columns in order: the dimensions, `time_dimension` when the query has a granularity, then
    /// the metrics by alias.
    package let columns: [MetricsSQLColumn]

    /// The name of the time bucket column.
    static let timeDimension = "time_dimension"

    /// Writes the statement answering `query` for project `projectID` in `dialect`; throws when the query names
    /// a field, measure, filter or sort key its view does not have (which the kernel's validation rules out).
    package init(query: MetricsQuery, projectID: String, dialect: MetricsSQLDialect) throws(MetricsSQLError) {
        let plan = try MetricsSQLPlan(query: query, dialect: dialect)
        var parameters = MetricsSQLParameters(dialect: dialect)
        var columns: [MetricsSQLColumn] = []
        var outputs: [String] = []
        func add(_ value: String, _ name: String, _ kind: MetricsSQLColumn.Kind) {
            outputs.append("\(dialect.output(value, as: kind)) AS \(quotedIdentifier(name))")
            columns.append(MetricsSQLColumn(name: name, kind: kind))
        }
        for (index, dimension) in plan.dimensions.enumerated() {
            add("r.d\(index)", dimension.name, dimension.kind)
        }
        if query.granularity != nil { add("r.tb", Self.timeDimension, .text) }
        for metric in plan.metrics {
            let aggregate = metric.metric.aggregation.sql(of: "r.m\(metric.measureIndex)", countsDistinct: metric.countsDistinct,
                                                          bins: max(query.histogramBins, 1), parameters: &parameters)
            add(aggregate.sql, metric.metric.alias, aggregate.kind)
        }
        let subquery = try plan.subquery(projectID: projectID, parameters: &parameters)
        let order = try plan.orderBy(columns: columns)
        let limit = parameters.bind(.integer(Int64(max(query.rowLimit, 0))))
        sql = "SELECT \(outputs.joined(separator: ", ")) FROM (\(subquery)) AS r\(plan.groupBy)\(order) LIMIT \(limit)"
        bindings = parameters.values
        self.columns = columns
    }
}
