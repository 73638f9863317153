import LanternPluginSDK

/// A metrics query resolved against its view: the SQL of each dimension, measure and filter column, and the
/// joins they need. Resolving binds nothing; ``MetricsSQL`` then writes the statement front to back.
struct MetricsSQLPlan: Sendable {
    /// A dimension: its field and how its result column is read.
    struct Dimension: Sendable {
        let name: String
        let field: MetricsSQLField
        let kind: MetricsSQLColumn.Kind
    }

    /// A metric with the index of its measure among ``measures`` (metrics of one measure share its column).
    struct Metric: Sendable {
        let metric: MetricsQuery.Metric
        let measureIndex: Int
        /// Whether the measure is counted distinct whatever the aggregation.
        let countsDistinct: Bool
    }

    /// A filter with what it compares.
    struct Filter: Sendable {
        let filter: MetricsFilter
        let target: MetricsSQLFilterTarget
    }

    let query: MetricsQuery
    let source: MetricsSQLSource
    let dimensions: [Dimension]
    /// The distinct measures of the metrics, in the order first used.
    let measures: [MetricsSQLMeasure]
    let metrics: [Metric]
    let filters: [Filter]
    /// The joins the dimensions and filters need, in a fixed order.
    let joins: [MetricsSQLJoin]

    /// Resolves `query`; throws when it names a field, measure or filter the view does not have.
    init(query: MetricsQuery, dialect: MetricsSQLDialect) throws(MetricsSQLError) {
        // The SQL covers the views and granularities this kit knows; a newer SDK's are refused here.
        guard MetricsQuery.View.allCases.contains(query.view) else { throw .unknownView(query.view.rawValue) }
        if let granularity = query.granularity, !MetricsQuery.Granularity.allCases.contains(granularity) {
            throw .unknownGranularity(granularity.rawValue)
        }
        let source = MetricsSQLSource(view: query.view)
        var dimensions: [Dimension] = []
        for name in query.dimensions {
            guard let field = source.field(name, dialect: dialect) else { throw .unknownField(name) }
            dimensions.append(Dimension(name: name, field: field, kind: try Self.columnKind(of: field, named: name)))
        }
        var names: [String] = []
        var measures: [MetricsSQLMeasure] = []
        var metrics: [Metric] = []
        for metric in query.metrics {
            guard let measure = source.measure(metric.measure) else { throw .unknownMeasure(metric.measure) }
            let index = names.firstIndex(of: metric.measure) ?? measures.count
            if index == measures.count {
                names.append(metric.measure)
                measures.append(measure)
            }
            metrics.append(Metric(metric: metric, measureIndex: index, countsDistinct: measure.countsDistinct))
        }
        var filters: [Filter] = []
        for filter in query.filters {
            filters.append(Filter(filter: filter, target: try source.target(of: filter, dialect: dialect)))
        }
        let needed = Set(dimensions.compactMap(\.field.join) + filters.compactMap(\.target.join))
        self.query = query
        self.source = source
        self.dimensions = dimensions
        self.measures = measures
        self.metrics = metrics
        self.filters = filters
        self.joins = MetricsSQLJoin.allCases.filter(needed.contains)
    }

    /// How a dimension's cells are read: tag lists as JSON text; time fields cannot be dimensions.
    private static func columnKind(of field: MetricsSQLField, named name: String) throws(MetricsSQLError) -> MetricsSQLColumn.Kind {
        switch field.kind {
        case .text: .text
        case .number: .number
        case .boolean: .boolean
        case .array: .jsonText
        case .time: throw .unsupportedDimension(name)
        @unknown default: throw .unsupportedDimension(name)
        }
    }
}
