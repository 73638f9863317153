extension TraceTotalFilter {
    /// The filter as an SQL condition on the `traces` row `traces`, with one `?` for ``value``: a correlated
    /// aggregate over the trace's rows of the `observations` table (the schema both shipped storage plugins use:
    /// `start_time`/`end_time` in seconds, per-observation `input_tokens`, `output_tokens`, `total_tokens`,
    /// `input_cost`, `output_cost`, `total_cost`).
    public var sqlCondition: String {
        let aggregate = switch total {
        case .latency: "MAX(COALESCE(o.end_time, o.start_time)) - MIN(o.start_time)"
        case .inputTokens: "SUM(o.input_tokens)"
        case .outputTokens: "SUM(o.output_tokens)"
        case .totalTokens: "SUM(o.total_tokens)"
        case .inputCost: "SUM(o.input_cost)"
        case .outputCost: "SUM(o.output_cost)"
        case .totalCost: "SUM(o.total_cost)"
        }
        return "(SELECT \(aggregate) FROM observations o WHERE o.project_id = traces.project_id AND o.trace_id = traces.id) \(comparison.rawValue) ?"
    }
}
