/// Keeps `trace_totals` (migration 10) equal to the aggregates of each trace's observations.
enum TraceTotalsSQL {
    /// Recomputes the totals of every trace the statement's `WHERE` (appended by the caller) selects.
    static let refresh = """
        INSERT OR REPLACE INTO trace_totals (project_id, trace_id, observation_count, error_count, warning_count, first_start,
                                            last_end, total_cost, input_cost, output_cost, input_tokens, output_tokens, total_tokens)
        SELECT project_id, trace_id, COUNT(*), SUM(level = 'ERROR'), SUM(level = 'WARNING'), MIN(start_time),
               MAX(COALESCE(end_time, start_time)), SUM(total_cost), SUM(input_cost), SUM(output_cost), SUM(input_tokens),
               SUM(output_tokens), SUM(total_tokens)
        FROM observations
        """

    /// Recomputes the totals of the traces whose ids are the JSON list bound second (the project bound first).
    static let refreshTraces = "\(refresh) WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?)) GROUP BY project_id, trace_id"
}
