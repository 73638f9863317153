import CSQLite
import LanternPluginSDK
import SQLStorageKit

extension SQLiteStorage: MetricsStore {
    /// The rows answering `query`: one aggregate statement (``MetricsSQL``) on a read connection, percentiles and
    /// histograms by the connection's `lantern_percentile` and `lantern_histogram` aggregates.
    public func metrics(projectID: String, query: MetricsQuery) async throws -> [MetricsRow] {
        let statement: MetricsSQL
        do { statement = try MetricsSQL(query: query, projectID: projectID, dialect: .sqlite) } catch {
            throw StorageError.unsupported("metrics query: \(error)")
        }
        let bindings = statement.bindings.map(Self.sqlValue)
        let width = Int32(statement.columns.count)
        let cells = try await read { fetcher in
            try fetcher.connection.query(statement.sql, bindings) { row in (0..<width).map { Self.cell(row, $0) } }
        }
        return statement.rows(from: cells)
    }

    private static func sqlValue(_ value: MetricsSQLValue) -> SQLValue {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .text(let text): .text(text)
        }
    }

    /// One result cell as SQLite typed it.
    private static func cell(_ row: SQLiteRow, _ column: Int32) -> MetricsSQLValue {
        switch row.storageClass(column) {
        case SQLITE_INTEGER: row.integer(column).map(MetricsSQLValue.integer) ?? .null
        case SQLITE_FLOAT: row.double(column).map(MetricsSQLValue.real) ?? .null
        case SQLITE_TEXT: row.text(column).map(MetricsSQLValue.text) ?? .null
        default: .null
        }
    }
}
