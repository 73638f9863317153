import Foundation
import SQLStorageKit

/// The shared SQL layer's fetcher on a PostgreSQL connection.
typealias RowFetcher = SQLStorageKit.RowFetcher<PGConnection>

/// PostgreSQL as the shared SQL layer's driver: `?` placeholders numbered by ``PGConnection``, lists bound as
/// `text[]` literals, no index hints (its planner has statistics), no NUL in text.
extension PGConnection: SQLConnection {
    static var databaseName: String { "PostgreSQL" }
    static var storesNUL: Bool { false }

    /// Runs a query and maps each row; rows mapped to nil are left out.
    func query<T>(_ sql: String, _ values: [SQLValue], _ map: (PGRow) throws -> T?) throws -> [T] {
        let result = try query(sql, values)
        return try (0..<result.rowCount).compactMap { try map(PGRow(result: result, index: $0)) }
    }

    static func saveKeepingCreation<Table: ProjectScopedTable & WritableTable>(
        _ model: Table.Model, in table: Table.Type, projectID: String, id: String, createdAt: WritableKeyPath<Table.Model, Date>,
        fetcher: RowFetcher
    ) throws -> Table.Model {
        let result = try fetcher.connection.query(Table.save(keeping: ["created_at"]), try Table.values(model, json: fetcher.json))
        var stored = model
        if let seconds = PGRow(result: result, index: 0).double(0) { stored[keyPath: createdAt] = Date(storedSeconds: seconds) }
        return stored
    }

    static var skipLocked: String { " FOR UPDATE SKIP LOCKED" }

    static func oneOf(_ column: String) -> String { "\(column) = ANY(?::text[])" }

    static func list(_ strings: [String], json: JSONColumns) throws -> SQLValue { .textArray(strings) }

    static func source(_ table: String, index: String?) -> String { table }

    static func containsAll(_ array: String) -> String { "\(array) @> ?::jsonb" }

    static func holds(_ array: String) -> String { "\(array) @> jsonb_build_array(?::text)" }

    static func precedes(_ columns: (String, String), _ values: (SQLValue, SQLValue)) -> (sql: String, values: [SQLValue]) {
        ("(\(columns.0), \(columns.1)) < (?, ?)", [values.0, values.1])
    }

    /// The trace's tags contain every wanted tag (served by the GIN index).
    static func addTraceTags(_ tags: [String], projectID: String, to filter: inout SQLFilter, json: JSONColumns) throws {
        if !tags.isEmpty { filter.add("tags @> ?::jsonb", try json.column(tags, field: "tags")) }
    }

    /// NULLs sort before any value, as in SQLite. `timestamp` is never NULL: without a NULLS clause the order matches
    /// `traces_by_time` (read backwards for newest first); with one, PostgreSQL sorted every trace of the project
    /// for each page.
    static func traceOrder(_ column: String, ascending: Bool) -> String {
        let nulls = column == "timestamp" ? ("", "") : (" NULLS FIRST", " NULLS LAST")
        return ascending ? "\(column) ASC\(nulls.0), id ASC" : "\(column) DESC\(nulls.1), id DESC"
    }

    /// Traces have no index table beside `trace_totals`.
    static let traceIndexDeletions: [String] = []

    /// Every project-scoped table is shared with SQLite.
    static let ownProjectTables: [String] = []

    /// Rows picked by `ctid` (every table has one; `DELETE` takes no `LIMIT`): PostgreSQL 15 plans it as the batch
    /// found by index, then a TID scan of just those rows, on small and large tables alike.
    static func limitedProjectDeletion(from table: String) -> String {
        "DELETE FROM \(table) WHERE ctid IN (SELECT ctid FROM \(table) WHERE project_id = ? LIMIT ?)"
    }

    static var largestInteger: Int { Int(Int32.max) }

    static var metricsDialect: MetricsSQLDialect { .postgres }

    /// Every write already runs in one transaction (``PostgresStorage/write(_:)``).
    func atomically<T>(_ body: () throws -> T) throws -> T { try body() }

    /// Runs `body` inside the caller's write transaction under the advisory lock of (`scope`, the key's two values),
    /// so concurrent writers of one key on any server take turns.
    func serialized<T>(_ scope: String, _ key: [SQLValue], _ body: () throws -> T) throws -> T {
        try run("SELECT pg_advisory_xact_lock(hashtext($1), hashtext('\(scope):' || $2))", key)
        return try body()
    }
}
