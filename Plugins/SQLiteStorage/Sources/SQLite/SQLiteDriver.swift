import Foundation
import SQLStorageKit

/// The shared SQL layer's fetcher on a SQLite connection.
typealias RowFetcher = SQLStorageKit.RowFetcher<SQLiteConnection>

/// SQLite as the shared SQL layer's driver: `?` placeholders, lists bound as JSON text and read with `json_each`,
/// index hints with `INDEXED BY`.
extension SQLiteConnection: SQLConnection {
    static var databaseName: String { "SQLite" }
    static var storesNUL: Bool { true }

    static func saveKeepingCreation<Table: ProjectScopedTable & WritableTable>(
        _ model: Table.Model, in table: Table.Type, projectID: String, id: String, createdAt: WritableKeyPath<Table.Model, Date>,
        fetcher: RowFetcher
    ) throws -> Table.Model {
        try fetcher.connection.transaction(.immediate) {
            var stored = model
            if let existing = try fetcher.row(table, projectID: projectID, id: id) { stored[keyPath: createdAt] = existing[keyPath: createdAt] }
            try fetcher.connection.run(Table.upsert, try Table.values(stored, json: fetcher.json))
            return stored
        }
    }

    static var skipLocked: String { "" }

    static func oneOf(_ column: String) -> String { "\(column) IN (SELECT value FROM json_each(?))" }

    static func list(_ strings: [String], json: JSONColumns) throws -> SQLValue { try json.column(strings, field: "list") }

    static func source(_ table: String, index: String?) -> String { index.map { "\(table) INDEXED BY \($0)" } ?? table }

    static func containsAll(_ array: String) -> String {
        "NOT EXISTS (SELECT 1 FROM json_each(?) AS wanted WHERE wanted.value NOT IN (SELECT value FROM json_each(\(array))))"
    }

    static func holds(_ array: String) -> String { "EXISTS (SELECT 1 FROM json_each(\(array)) WHERE value = ?)" }

    /// Spelled out rather than as a row-value comparison.
    static func precedes(_ columns: (String, String), _ values: (SQLValue, SQLValue)) -> (sql: String, values: [SQLValue]) {
        ("(\(columns.0) < ? OR (\(columns.0) = ? AND \(columns.1) < ?))", [values.0, values.0, values.1])
    }

    /// Every wanted tag: its traces read once from the trace_tags index (not correlated, so not once per trace).
    static func addTraceTags(_ tags: [String], projectID: String, to filter: inout SQLFilter, json: JSONColumns) throws {
        for tag in Set(tags).sorted() {
            filter.add("id IN (SELECT trace_id FROM trace_tags WHERE project_id = ? AND tag = ?)", .text(projectID), .text(tag))
        }
    }

    static func traceOrder(_ column: String, ascending: Bool) -> String {
        let direction = ascending ? "ASC" : "DESC"
        return "\(column) \(direction), id \(direction)"
    }

    /// The tag index, by its primary key (project, tag, trace), with the tags read from the traces themselves.
    static let traceIndexDeletions = ["""
        DELETE FROM trace_tags WHERE project_id = ?1 AND (tag, trace_id) IN (
            SELECT tags.value, traces.id FROM traces, json_each(traces.tags) AS tags
            WHERE traces.project_id = ?1 AND traces.id IN (SELECT value FROM json_each(?2)))
        """]

    /// The tag index (``SchemaV9``).
    static let ownProjectTables = ["trace_tags"]

    /// Rows picked by `rowid`, or by primary key in the `WITHOUT ROWID` tables, which have no `rowid` (SQLite's `DELETE`
    /// takes a `LIMIT` only when built with an option, so the batch is chosen in a subquery).
    static func limitedProjectDeletion(from table: String) -> String {
        let key = withoutRowIDKeys[table] ?? "rowid"
        return "DELETE FROM \(table) WHERE (\(key)) IN (SELECT \(key) FROM \(table) WHERE project_id = ? LIMIT ?)"
    }

    /// The primary keys of the `WITHOUT ROWID` tables (``SchemaV9``, ``SchemaV10``).
    private static let withoutRowIDKeys = ["trace_tags": "project_id, tag, trace_id", "trace_totals": "project_id, trace_id"]

    static var largestInteger: Int { Int(Int64.max) }

    static var metricsDialect: MetricsSQLDialect { .sqlite }

    /// The writer's work runs outside any transaction of its own.
    func atomically<T>(_ body: () throws -> T) throws -> T { try transaction(.immediate, body) }

    /// The writer runs each piece of work alone, so an immediate transaction keeps other connections out.
    func serialized<T>(_ scope: String, _ key: [SQLValue], _ body: () throws -> T) throws -> T {
        try transaction(.immediate, body)
    }
}
