/// Aggregate queries over traces, observations and scores. An optional capability: a storage that answers
/// metrics conforms to this protocol as well as ``StorageBackend``; the kernel discovers it with a cast and
/// answers 501 when it is missing.
///
/// Contract: the aggregation runs in the database, not by returning rows to aggregate elsewhere. Rows are those
/// of `projectID` whose time lies in `query.from ..< query.to` and that pass every filter; one result row per
/// group (all rows form one group without dimensions and granularity); at most `query.rowLimit` rows, in
/// `query.orderBy` order (then by the dimensions). Values: dimensions as strings, numbers or booleans (null when
/// absent; `tags` groups by the trace's whole tag list, as JSON text), `time_dimension` as the ISO-8601 start of the bucket in UTC (weeks start on
/// Monday), metrics as numbers (null when no row had a value), `histogram` as an array of
/// `[lower, upper, count]` triples over `histogramBins` equal-width bins, `uniq` as the count of distinct values.
/// Percentiles interpolate linearly between the two nearest ranks (`percentile_cont`).
public protocol MetricsStore: Sendable {
    /// The rows answering `query` for one project.
    func metrics(projectID: String, query: MetricsQuery) async throws -> [MetricsRow]
}
