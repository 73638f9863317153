import Foundation
import LanternPluginSDK

extension MetricsSQLPlan {
    /// The per-row subquery the outer `SELECT` aggregates: one row per trace, observation or score of the
    /// project in `from ..< to` that passes every filter, with columns `d0…` (dimensions), `tb` (the time
    /// bucket) and `m0…` (measures). Binds the project, the time range and the filter values, in that order.
    func subquery(projectID: String, parameters: inout MetricsSQLParameters) throws(MetricsSQLError) -> String {
        let dialect = parameters.dialect
        var columns = dimensions.enumerated().map { "\($1.field.sql) AS d\($0)" }
        if let granularity = query.granularity {
            columns.append("\(MetricsSQLTimeText.bucket(granularity).sql(source.timeColumn, dialect: dialect)) AS tb")
        }
        for (index, measure) in measures.enumerated() {
            let value = measure.countsDistinct ? measure.sql : dialect.cast(measure.sql, to: "double precision")
            columns.append("\(value) AS m\(index)")
        }
        let from = ([source.table] + joins.compactMap(source.clause(for:))).joined(separator: " ")
        var conditions = [
            "\(source.alias).project_id = \(parameters.bind(.text(projectID)))",
            "\(source.timeColumn) >= \(parameters.bind(.real(query.from.timeIntervalSinceReferenceDate)))",
            "\(source.timeColumn) < \(parameters.bind(.real(query.to.timeIntervalSinceReferenceDate)))",
        ]
        if !source.dataTypes.isEmpty {
            conditions.append("\(source.alias).data_type IN (\(source.dataTypes.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        for filter in filters {
            conditions.append("(\(try source.condition(filter.filter, on: filter.target, parameters: &parameters)))")
        }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(from) WHERE \(conditions.joined(separator: " AND "))"
    }

    /// The `GROUP BY` clause over the dimensions and the time bucket; empty when there are none (one group).
    var groupBy: String {
        let keys = dimensions.indices.map { "r.d\($0)" } + (query.granularity == nil ? [] : ["r.tb"])
        return keys.isEmpty ? "" : " GROUP BY \(keys.joined(separator: ", "))"
    }

    /// The `ORDER BY` clause: the query's sort keys, then every dimension and the time bucket not among them,
    /// ascending, so the order is total; NULLs last in both dialects. Columns are named by position.
    func orderBy(columns: [MetricsSQLColumn]) throws(MetricsSQLError) -> String {
        var keys: [(position: Int, descending: Bool)] = []
        for order in query.orderBy {
            guard let index = columns.firstIndex(where: { $0.name == order.field }) else { throw .unknownOrderField(order.field) }
            keys.append((index + 1, order.descending))
        }
        let grouped = dimensions.count + (query.granularity == nil ? 0 : 1)
        for position in stride(from: 1, through: grouped, by: 1) where !keys.contains(where: { $0.position == position }) {
            keys.append((position, false))
        }
        guard !keys.isEmpty else { return "" }
        return " ORDER BY " + keys.map { "\($0.position) \($0.descending ? "DESC" : "ASC") NULLS LAST" }.joined(separator: ", ")
    }
}
