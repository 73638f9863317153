import LanternPluginSDK

/// The v2 API's rule for high-cardinality dimensions (ids, users, sessions), as Langfuse's `validateQuery`
/// applies it: grouping by one is allowed only in a bounded top-N query, i.e. without `timeDimension`, with an
/// explicit `config.row_limit` and with an `orderBy` whose descending keys are all metrics. Filtering on such a
/// field is always allowed.
enum MetricsCardinalityRule {
    /// Fails naming the first high-cardinality dimension when the query is not a bounded top-N query.
    /// `explicitOrder` and `explicitRowLimit` are as sent, before defaults.
    static func check(dimensions: [MetricsCatalog.Field], metrics: [MetricsQuery.Metric], timeBuckets: Bool,
                      explicitOrder: [MetricsQuery.Order], explicitRowLimit: Int?) throws(ValidationFailure) {
        guard let index = dimensions.firstIndex(where: \.highCardinality) else { return }
        let name = dimensions[index].name
        let path = "dimensions[\(index)].field"
        let hint = "filter on it instead, e.g. {\"column\": \"\(name)\", \"operator\": \"=\", \"value\": \"...\", \"type\": \"string\"}"
        if timeBuckets {
            throw ValidationFailure("\(path): '\(name)' has too many distinct values to group by together with a timeDimension in the v2 metrics API; \(hint)")
        }
        let aliases = Set(metrics.map(\.alias))
        let descending = explicitOrder.filter(\.descending)
        guard explicitRowLimit != nil, !descending.isEmpty, descending.allSatisfy({ aliases.contains($0.field) }) else {
            throw ValidationFailure("\(path): '\(name)' has too many distinct values to group by in the v2 metrics API unless the query "
                + "sets config.row_limit and orders by a metric descending (a top-N query); otherwise \(hint)")
        }
    }
}
