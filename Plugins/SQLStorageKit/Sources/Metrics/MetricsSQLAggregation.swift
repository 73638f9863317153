import LanternPluginSDK

extension MetricsQuery.Aggregation {
    /// The aggregate of `value` (a column of the per-row subquery) and the kind of its result; a histogram
    /// binds its bin count `bins`.
    ///
    /// Percentiles interpolate linearly like PostgreSQL's `percentile_cont` (SQLite: `lantern_percentile`);
    /// histograms are JSON text from `lantern_histogram` in both dialects. A distinct-count measure is counted
    /// distinct whatever the aggregation.
    func sql(of value: String, countsDistinct: Bool, bins: Int,
             parameters: inout MetricsSQLParameters) -> (sql: String, kind: MetricsSQLColumn.Kind) {
        if countsDistinct { return ("COUNT(DISTINCT \(value))", .number) }
        let dialect = parameters.dialect
        switch self {
        case .sum: return ("SUM(\(value))", .number)
        case .avg: return ("AVG(\(value))", .number)
        case .count: return ("COUNT(\(value))", .number)
        case .max: return ("MAX(\(value))", .number)
        case .min: return ("MIN(\(value))", .number)
        case .uniq: return ("COUNT(DISTINCT \(value))", .number)
        case .p50, .p75, .p90, .p95, .p99:
            let fraction = "\(percentile ?? 0.5)"
            switch dialect {
            case .sqlite: return ("lantern_percentile(\(value), \(fraction))", .number)
            case .postgres: return ("percentile_cont(\(fraction)) WITHIN GROUP (ORDER BY \(value))", .number)
            }
        case .histogram:
            let count = parameters.bind(.integer(Int64(bins)))
            switch dialect {
            case .sqlite: return ("lantern_histogram(\(value), \(count))", .histogram)
            case .postgres: return ("lantern_histogram(array_agg(\(value)), \(count))", .histogram)
            }
        // An aggregation of a newer SDK reads as null rather than as another aggregation's figures.
        @unknown default: return ("NULL", .number)
        }
    }
}
