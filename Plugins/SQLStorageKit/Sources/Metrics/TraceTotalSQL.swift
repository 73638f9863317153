import LanternPluginSDK

extension TraceTotalFilter {
    /// The filter as an SQL condition on the `traces` row `traces`, with one `?` for ``value``, reading the trace's
    /// row of a `trace_totals` table (the schema both shipped storage plugins keep at write time: `first_start`,
    /// `last_end` in seconds, and the sums `input_tokens`, `output_tokens`, `total_tokens`, `input_cost`,
    /// `output_cost`, `total_cost` of its observations). A trace without observations has no row and never matches.
    package var sqlCondition: String {
        let column = switch total {
        case .latency: "tt.last_end - tt.first_start"
        case .inputTokens: "tt.input_tokens"
        case .outputTokens: "tt.output_tokens"
        case .totalTokens: "tt.total_tokens"
        case .inputCost: "tt.input_cost"
        case .outputCost: "tt.output_cost"
        case .totalCost: "tt.total_cost"
        // A total of a newer SDK compares NULL, which matches no trace.
        @unknown default: "NULL"
        }
        return "(SELECT \(column) FROM trace_totals tt WHERE tt.project_id = traces.project_id AND tt.trace_id = traces.id) \(comparison.rawValue) ?"
    }
}
