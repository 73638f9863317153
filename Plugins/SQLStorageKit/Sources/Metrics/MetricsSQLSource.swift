import LanternPluginSDK

/// A table a view joins to reach fields of a related row: the trace of an observation or score, the
/// observation of a score. Always a LEFT JOIN on the primary key, so it never adds or drops rows.
enum MetricsSQLJoin: Sendable, Hashable, CaseIterable {
    case traces
    case observations
}

/// The table a metrics view reads: `traces t`, `observations o` or `scores s`, its time and metadata columns,
/// and the joins to related rows.
struct MetricsSQLSource: Sendable {
    let view: MetricsQuery.View

    /// The alias of the view's own table.
    var alias: String {
        switch view {
        case .traces: "t"
        case .observations: "o"
        case .scoresNumeric, .scoresBoolean, .scoresCategorical: "s"
        @unknown default: "s"  // refused by MetricsSQLPlan before any SQL is written
        }
    }

    /// The table with its alias, as written after `FROM`.
    var table: String {
        switch view {
        case .traces: "traces t"
        case .observations: "observations o"
        case .scoresNumeric, .scoresBoolean, .scoresCategorical: "scores s"
        @unknown default: "scores s"  // refused by MetricsSQLPlan before any SQL is written
        }
    }

    /// The stored time that `from ..< to` and the time buckets apply to.
    var timeColumn: String {
        view == .observations ? "o.start_time" : "\(alias).timestamp"
    }

    /// The metadata object that `metadata` filters read.
    var metadataColumn: String { "\(alias).metadata" }

    /// The data types of the scores a score view holds, as Langfuse's views define them (numeric scores
    /// include boolean ones; categorical scores include text ones); empty for traces and observations.
    var dataTypes: [String] {
        switch view {
        case .traces, .observations: []
        case .scoresNumeric: ["NUMERIC", "BOOLEAN"]
        case .scoresBoolean: ["BOOLEAN"]
        case .scoresCategorical: ["CATEGORICAL", "TEXT"]
        @unknown default: []  // refused by MetricsSQLPlan before any SQL is written
        }
    }

    /// The `LEFT JOIN` clause for `join`; nil when the view has no such relation (or is that table).
    func clause(for join: MetricsSQLJoin) -> String? {
        switch (view, join) {
        case (.traces, _), (.observations, .observations): nil
        case (.observations, .traces): "LEFT JOIN traces t ON t.project_id = o.project_id AND t.id = o.trace_id"
        case (_, .traces): "LEFT JOIN traces t ON t.project_id = s.project_id AND t.id = s.trace_id"
        case (_, .observations): "LEFT JOIN observations o ON o.project_id = s.project_id AND o.id = s.observation_id"
        }
    }
}
