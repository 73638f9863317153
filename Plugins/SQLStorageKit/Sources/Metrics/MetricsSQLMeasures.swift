import LanternPluginSDK

/// A measure of a view as SQL: its value for one row of the view, which the metric's aggregation combines.
struct MetricsSQLMeasure: Sendable {
    /// The value for one row: a number (or, for ``countsDistinct``, the value whose distinct count is taken).
    let sql: String
    /// Whether every aggregation counts distinct values (`uniqueUserIds`: the number of distinct users).
    let countsDistinct: Bool
}

extension MetricsSQLSource {
    /// The measure `name` of the view, or nil when the view has no such measure.
    ///
    /// Latencies are in milliseconds; the token and cost measures read the sums stored on each observation;
    /// a trace's measures read its `trace_totals` row (latency from its observations' earliest start to latest end).
    func measure(_ name: String) -> MetricsSQLMeasure? {
        guard MetricsCatalog.measures(of: view).contains(name) else { return nil }
        if name == "count" { return MetricsSQLMeasure(sql: "1", countsDistinct: false) }
        let value: String?
        switch view {
        case .traces:
            if name == "uniqueUserIds" { return MetricsSQLMeasure(sql: "t.user_id", countsDistinct: true) }
            value = Self.traceMeasures[name]
        case .observations:
            if name == "uniqueTraceIds" { return MetricsSQLMeasure(sql: "o.trace_id", countsDistinct: true) }
            value = Self.observationMeasures[name]
        case .scoresNumeric, .scoresBoolean, .scoresCategorical: value = name == "value" ? "s.value" : nil
        @unknown default: value = nil
        }
        return value.map { MetricsSQLMeasure(sql: $0, countsDistinct: false) }
    }

    /// A column of trace `t`'s row of `trace_totals` (the totals of its observations, kept at write time).
    private static func fromTraceTotals(_ column: String) -> String {
        "(SELECT \(column) FROM trace_totals tt WHERE tt.project_id = t.project_id AND tt.trace_id = t.id)"
    }

    /// Trace measures but `count` and `uniqueUserIds`, by name.
    private static let traceMeasures = [
        "latency": fromTraceTotals("(tt.last_end - tt.first_start) * 1000"),
        "observationsCount": fromTraceTotals("tt.observation_count"),
        "scoresCount": "(SELECT COUNT(*) FROM scores sx WHERE sx.project_id = t.project_id AND sx.trace_id = t.id)",
        "totalTokens": fromTraceTotals("tt.total_tokens"),
        "totalCost": fromTraceTotals("tt.total_cost"),
        "timestamp": "(t.timestamp + \(MetricsSQLTimeText.referenceOffset)) * 1000",
    ]

    /// Observation measures but `count` and `uniqueTraceIds`, by name. Rates are per second of the span they cover (output tokens
    /// from the completion start, as Langfuse's) and NULL for a span of zero length.
    private static let observationMeasures = [
        "latency": "(o.end_time - o.start_time) * 1000",
        "streamingLatency": "(o.end_time - o.completion_start_time) * 1000",
        "timeToFirstToken": "(o.completion_start_time - o.start_time) * 1000",
        "inputTokens": "o.input_tokens",
        "outputTokens": "o.output_tokens",
        "totalTokens": "o.total_tokens",
        "outputTokensPerSecond": "o.output_tokens / NULLIF(o.end_time - o.completion_start_time, 0)",
        "tokensPerSecond": "o.total_tokens / NULLIF(o.end_time - o.start_time, 0)",
        "inputCost": "o.input_cost",
        "outputCost": "o.output_cost",
        "totalCost": "o.total_cost",
        "countScores": "(SELECT COUNT(*) FROM scores sx WHERE sx.project_id = o.project_id AND sx.observation_id = o.id)",
    ]
}
