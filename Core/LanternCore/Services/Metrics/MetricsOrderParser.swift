import LanternPluginSDK

/// Reads the `orderBy` of a metrics query and supplies Langfuse's order when it names none.
///
/// A sort key is a chosen dimension, `time_dimension` (with a `timeDimension`) or the alias of a chosen metric
/// (`sum_totalCost`); histograms are arrays, not sortable values, so Langfuse does not sort by them either.
enum MetricsOrderParser {
    /// The result column of the time buckets.
    static let timeDimensionColumn = "time_dimension"

    /// The optional `orderBy` array (or null) of `{field, direction}`; empty when absent.
    static func order(in query: MetricsQueryObject, dimensions: [String], metrics: [MetricsQuery.Metric],
                      timeBuckets: Bool) throws(ValidationFailure) -> [MetricsQuery.Order] {
        let sortable = dimensions + (timeBuckets ? [timeDimensionColumn] : []) + metrics.filter(\.isSortable).map(\.alias)
        var order: [MetricsQuery.Order] = []
        for item in try query.objects("orderBy", shape: "{field, direction}") ?? [] {
            let field = try item.string("field")
            guard sortable.contains(field) else {
                throw item.failure(unsortable(field, metrics: metrics, sortable: sortable), at: "field")
            }
            let direction = try item.string("direction")
            guard direction == "asc" || direction == "desc" else {
                throw item.failure("'\(direction)' is not a direction (asc, desc)", at: "direction")
            }
            order.append(MetricsQuery.Order(field: field, descending: direction == "desc"))
        }
        return order
    }

    /// Langfuse's order for a query without one: time buckets ascending, else the first metric descending (the
    /// first that is not a histogram), else the first dimension ascending.
    static func defaultOrder(dimensions: [String], metrics: [MetricsQuery.Metric], timeBuckets: Bool) -> [MetricsQuery.Order] {
        if timeBuckets { return [MetricsQuery.Order(field: timeDimensionColumn, descending: false)] }
        if let metric = metrics.first(where: \.isSortable) { return [MetricsQuery.Order(field: metric.alias, descending: true)] }
        return dimensions.prefix(1).map { MetricsQuery.Order(field: $0, descending: false) }
    }

    private static func unsortable(_ field: String, metrics: [MetricsQuery.Metric], sortable: [String]) -> String {
        if field == timeDimensionColumn { return "\(timeDimensionColumn) needs a timeDimension" }
        if metrics.contains(where: { $0.alias == field }) { return "cannot order by \(field): a histogram has no single value" }
        return "'\(field)' is not a dimension, \(timeDimensionColumn) or metric alias of this query (\(sortable.joined(separator: ", ")))"
    }
}

extension MetricsQuery.Metric {
    /// Whether rows can be ordered by the metric's value: every aggregation but `histogram`.
    var isSortable: Bool { aggregation != .histogram }
}
