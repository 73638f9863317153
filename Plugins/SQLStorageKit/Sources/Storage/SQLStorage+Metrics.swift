import LanternPluginSDK

extension SQLStorage {
    /// The rows answering `query`: one aggregate statement (``MetricsSQL``) in a read snapshot; percentiles and
    /// histograms by SQLite's `lantern_percentile` and `lantern_histogram` aggregates registered on each connection,
    /// PostgreSQL's `percentile_cont` and the `lantern_histogram` function of its schema (migration 8).
    public func metrics(projectID: String, query: MetricsQuery) async throws -> [MetricsRow] {
        let statement: MetricsSQL
        do { statement = try MetricsSQL(query: query, projectID: projectID, dialect: Connection.metricsDialect) } catch {
            throw StorageError.unsupported("metrics query: \(error)")
        }
        let width = statement.columns.count
        let cells = try await read { fetcher in
            try fetcher.rows(statement.sql, statement.bindings) { row in (0..<width).map { row.cell(at: $0) } }
        }
        return statement.rows(from: cells)
    }
}
