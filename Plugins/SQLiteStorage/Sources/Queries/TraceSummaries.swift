import LanternPluginSDK

/// Derives the figures of a set of traces in three queries, whatever its size: observation ids, score ids,
/// and latency with cost and token totals (read from `trace_totals`, kept at write time).
struct TraceSummaries {
    let fetcher: RowFetcher
    let projectID: String

    /// The traces with their figures, in the given order.
    func summarize(_ traces: [Trace]) throws -> [TraceSummary] {
        guard !traces.isEmpty else { return [] }
        let scope: [SQLValue] = [.text(projectID), try fetcher.list(traces.map(\.id))]
        let connection = fetcher.connection

        var observationIDs: [String: [String]] = [:]
        for (traceID, id) in try connection.query("""
            SELECT trace_id, id FROM observations WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))
            ORDER BY trace_id, start_time, id
            """, scope, Self.pair) {
            observationIDs[traceID, default: []].append(id)
        }

        var scoreIDs: [String: [String]] = [:]
        for (traceID, id) in try connection.query("""
            SELECT trace_id, id FROM scores WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))
            ORDER BY trace_id, timestamp DESC, id
            """, scope, Self.pair) {
            scoreIDs[traceID, default: []].append(id)
        }

        var totals: [String: TraceSummary.Totals] = [:]
        for (traceID, row) in try connection.query("""
            SELECT trace_id, last_end - first_start, total_cost, input_tokens, output_tokens, total_tokens
            FROM trace_totals WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))
            """, scope, { row in row.text(0).map { ($0, TraceSummary.Totals(latency: row.double(1), totalCost: row.double(2), inputTokens: row.double(3),
                                                                   outputTokens: row.double(4), totalTokens: row.double(5))) } }) {
            totals[traceID] = row
        }

        return traces.map { trace in
            TraceSummary(trace: trace, observationIDs: observationIDs[trace.id] ?? [], scoreIDs: scoreIDs[trace.id] ?? [], totals: totals[trace.id])
        }
    }

    /// A `(trace_id, id)` row.
    private static func pair(_ row: SQLiteRow) -> (String, String)? {
        guard let traceID = row.text(0), let id = row.text(1) else { return nil }
        return (traceID, id)
    }
}
