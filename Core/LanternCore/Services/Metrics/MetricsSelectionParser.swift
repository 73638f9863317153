import LanternPluginSDK

/// Reads what a metrics query computes and groups by: `metrics` and `dimensions`, checked against the view's
/// measures and fields in ``MetricsCatalog``.
enum MetricsSelectionParser {
    /// The required, non-empty `metrics` array of `{measure, aggregation}`, each measure one of the view's and
    /// each metric named once.
    static func metrics(in query: MetricsQueryObject, view: MetricsQuery.View) throws(ValidationFailure) -> [MetricsQuery.Metric] {
        let shape = "{measure, aggregation}"
        guard let items = try query.objects("metrics", shape: shape) else {
            throw query.failure("is required: an array of \(shape)", at: "metrics")
        }
        guard !items.isEmpty else { throw query.failure("must hold at least one \(shape)", at: "metrics") }
        let measures = MetricsCatalog.measures(of: view)
        let aggregations = MetricsQuery.Aggregation.allCases.map(\.rawValue)
        var metrics: [MetricsQuery.Metric] = []
        for item in items {
            let measure = try item.string("measure")
            guard measures.contains(measure) else {
                throw item.failure("'\(measure)' is not a measure of the \(view.rawValue) view (\(measures.joined(separator: ", ")))",
                                   at: "measure")
            }
            let name = try item.string("aggregation")
            guard let aggregation = MetricsQuery.Aggregation(rawValue: name) else {
                throw item.failure("'\(name)' is not an aggregation (\(aggregations.joined(separator: ", ")))", at: "aggregation")
            }
            let metric = MetricsQuery.Metric(measure: measure, aggregation: aggregation)
            guard !metrics.contains(metric) else { throw item.failure("\(metric.alias) is already a metric of this query") }
            metrics.append(metric)
        }
        return metrics
    }

    /// The optional `dimensions` array of `{field}` (empty when absent): fields of the view other than its time
    /// field (time buckets come from `timeDimension`), each named once.
    static func dimensions(in query: MetricsQueryObject, view: MetricsQuery.View) throws(ValidationFailure) -> [MetricsCatalog.Field] {
        let fields = MetricsCatalog.fields(of: view).filter { $0.kind != .time }
        let timeField = MetricsCatalog.timeField(of: view)
        var dimensions: [MetricsCatalog.Field] = []
        for item in try query.objects("dimensions", shape: "{field}") ?? [] {
            let name = try item.string("field")
            if name == timeField {
                throw item.failure("'\(name)' is the time field of the \(view.rawValue) view: group by time with timeDimension",
                                   at: "field")
            }
            guard let field = fields.first(where: { $0.name == name }) else {
                throw item.failure("'\(name)' is not a dimension of the \(view.rawValue) view (\(fields.map(\.name).joined(separator: ", ")))",
                                   at: "field")
            }
            guard !dimensions.contains(field) else { throw item.failure("'\(name)' is already a dimension of this query", at: "field") }
            dimensions.append(field)
        }
        return dimensions
    }
}
