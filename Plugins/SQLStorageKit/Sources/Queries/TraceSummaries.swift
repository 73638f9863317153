import LanternPluginSDK

/// Derives the figures of a set of traces in three queries, whatever its size: observation ids, score ids,
/// and latency with cost and token totals (read from `trace_totals`, kept at write time).
package struct TraceSummaries<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>
    let projectID: String

    /// Figures of traces of `projectID`, read with `fetcher`.
    package init(fetcher: RowFetcher<Connection>, projectID: String) {
        self.fetcher = fetcher
        self.projectID = projectID
    }

    /// The traces with their figures, in the given order.
    package func summarize(_ traces: [Trace]) throws -> [TraceSummary] {
        guard !traces.isEmpty else { return [] }
        let scope: [SQLValue] = [.text(projectID), try fetcher.list(traces.map(\.id))]
        // A `(trace_id, id)` row.
        let pair: (Connection.Row) -> (String, String)? = { row in row.text(at: 0).flatMap { traceID in row.text(at: 1).map { (traceID, $0) } } }

        var observationIDs: [String: [String]] = [:]
        for (traceID, id) in try fetcher.rows("""
            SELECT trace_id, id FROM observations WHERE project_id = ? AND \(Connection.oneOf("trace_id"))
            ORDER BY trace_id, start_time, id
            """, scope, pair) {
            observationIDs[traceID, default: []].append(id)
        }

        var scoreIDs: [String: [String]] = [:]
        for (traceID, id) in try fetcher.rows("""
            SELECT trace_id, id FROM scores WHERE project_id = ? AND \(Connection.oneOf("trace_id"))
            ORDER BY trace_id, timestamp DESC, id
            """, scope, pair) {
            scoreIDs[traceID, default: []].append(id)
        }

        var totals: [String: TraceSummary.Totals] = [:]
        for (traceID, row) in try fetcher.rows("""
            SELECT trace_id, last_end - first_start, total_cost, input_tokens, output_tokens, total_tokens
            FROM trace_totals WHERE project_id = ? AND \(Connection.oneOf("trace_id"))
            """, scope, { row in row.text(at: 0).map { ($0, TraceSummary.Totals(latency: row.double(at: 1), totalCost: row.double(at: 2), inputTokens: row.double(at: 3),
                                                                   outputTokens: row.double(at: 4), totalTokens: row.double(at: 5))) } }) {
            totals[traceID] = row
        }

        return traces.map { trace in
            TraceSummary(trace: trace, observationIDs: observationIDs[trace.id] ?? [], scoreIDs: scoreIDs[trace.id] ?? [], totals: totals[trace.id])
        }
    }
}
