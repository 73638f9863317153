import LanternPluginSDK
import SQLStorageKit

extension PostgresStorage: MetricsStore {
    /// The rows answering `query`: one aggregate statement (``MetricsSQL``) in a read snapshot, percentiles by
    /// `percentile_cont` and histograms by the `lantern_histogram` function (migration 8).
    public func metrics(projectID: String, query: MetricsQuery) async throws -> [MetricsRow] {
        let statement: MetricsSQL
        do { statement = try MetricsSQL(query: query, projectID: projectID, dialect: .postgres) } catch {
            throw StorageError.unsupported("metrics query: \(error)")
        }
        let bindings = statement.bindings.map(Self.pgValue)
        let width = statement.columns.count
        let cells = try await read { fetcher in
            try fetcher.rows(statement.sql, bindings) { row in (0..<width).map { row.text($0).map(MetricsSQLValue.text) ?? .null } }
        }
        return statement.rows(from: cells)
    }

    /// A binding as text: every placeholder of ``MetricsSQL`` carries its own cast.
    private static func pgValue(_ value: MetricsSQLValue) -> PGValue {
        switch value {
        case .null: .null
        case .integer(let number): .text(String(number))
        case .real(let number): .text("\(number)")
        case .text(let text): .text(text)
        }
    }
}
