import Foundation

/// A metrics query as the kernel hands it to storage: the view, the fields and measures checked against
/// ``MetricsCatalog``, every default applied and `auto` granularity resolved.
///
/// Storage answers it with one aggregate query (``MetricsStore``); each result row holds one entry per
/// dimension (named by the field), `time_dimension` when ``granularity`` is set, and one per metric
/// (named by ``MetricsQuery/Metric/alias``).
public struct MetricsQuery: Sendable, Hashable {
    /// What the rows are.
    public enum View: String, Sendable, Hashable, CaseIterable {
        case traces
        case observations
        case scoresNumeric = "scores-numeric"
        case scoresBoolean = "scores-boolean"
        case scoresCategorical = "scores-categorical"
    }

    /// How the values of a measure are combined within a group.
    public enum Aggregation: String, Sendable, Hashable, CaseIterable {
        case sum, avg, count, max, min, p50, p75, p90, p95, p99, histogram, uniq

        /// The fraction for percentile aggregations, nil for the others.
        public var percentile: Double? {
            switch self {
            case .p50: 0.5
            case .p75: 0.75
            case .p90: 0.9
            case .p95: 0.95
            case .p99: 0.99
            default: nil
            }
        }
    }

    /// One measure with its aggregation.
    public struct Metric: Sendable, Hashable {
        public var measure: String
        public var aggregation: Aggregation
        /// The result column: `<aggregation>_<measure>`, e.g. `sum_totalCost`.
        public var alias: String { "\(aggregation.rawValue)_\(measure)" }

        /// Creates a metric.
        public init(measure: String, aggregation: Aggregation) {
            self.measure = measure
            self.aggregation = aggregation
        }
    }

    /// Width of the time buckets.
    public enum Granularity: String, Sendable, Hashable, CaseIterable {
        case minute, hour, day, week, month
    }

    /// One sort key: a dimension field, `time_dimension` or a metric alias.
    public struct Order: Sendable, Hashable {
        public var field: String
        public var descending: Bool

        /// Creates a sort key.
        public init(field: String, descending: Bool) {
            self.field = field
            self.descending = descending
        }
    }

    public var view: View
    /// Fields to group by, each a dimension of the view.
    public var dimensions: [String]
    /// At least one metric.
    public var metrics: [Metric]
    public var filters: [MetricsFilter]
    /// Group by time buckets of this width as well, when set.
    public var granularity: Granularity?
    /// Rows whose time (start time, timestamp) lies in `from ..< to`.
    public var from: Date
    public var to: Date
    public var orderBy: [Order]
    /// At most this many rows (1–1000).
    public var rowLimit: Int
    /// Bins of a histogram aggregation (1–100).
    public var histogramBins: Int

    /// Creates a query.
    public init(view: View, dimensions: [String] = [], metrics: [Metric], filters: [MetricsFilter] = [],
                granularity: Granularity? = nil, from: Date, to: Date, orderBy: [Order] = [], rowLimit: Int = 100,
                histogramBins: Int = 10) {
        self.view = view
        self.dimensions = dimensions
        self.metrics = metrics
        self.filters = filters
        self.granularity = granularity
        self.from = from
        self.to = to
        self.orderBy = orderBy
        self.rowLimit = rowLimit
        self.histogramBins = histogramBins
    }
}

/// One condition on a column of a metrics view.
public struct MetricsFilter: Sendable, Hashable {
    /// How the column is compared.
    public enum Condition: Sendable, Hashable {
        /// `=`, `contains`, `does not contain`, `starts with`, `ends with` on a text column.
        case text(TextOperator, String)
        /// `=`, `>`, `<`, `>=`, `<=` on a number column.
        case number(Comparison, Double)
        /// `>`, `<`, `>=`, `<=` on a time column.
        case date(Comparison, Date)
        /// `any of` / `none of` on a text column, or `any of` / `none of` / `all of` on an array column (tags).
        case options(OptionsOperator, [String])
        /// `=` / `<>` on a boolean column.
        case boolean(equals: Bool)
        /// `is null` (`true`) or `is not null` (`false`).
        case isNull(Bool)
    }

    /// Text operators.
    public enum TextOperator: String, Sendable, Hashable, CaseIterable {
        case equals = "=", contains, doesNotContain = "does not contain", startsWith = "starts with", endsWith = "ends with"
    }

    /// Numeric and time comparisons.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equals = "=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="
    }

    /// Set operators.
    public enum OptionsOperator: String, Sendable, Hashable, CaseIterable {
        case anyOf = "any of", noneOf = "none of", allOf = "all of"
    }

    /// A dimension of the view, or `metadata` (with ``key``), or the view's time column.
    public var column: String
    /// The top-level metadata key for `metadata` filters.
    public var key: String?
    public var condition: Condition

    /// Creates a filter.
    public init(column: String, key: String? = nil, condition: Condition) {
        self.column = column
        self.key = key
        self.condition = condition
    }
}

/// One result row: dimension values, `time_dimension`, and metric values by alias.
public typealias MetricsRow = [String: JSONValue]
