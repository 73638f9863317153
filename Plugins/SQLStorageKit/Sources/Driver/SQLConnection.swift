import Foundation
import LanternPluginSDK

/// The driver the shared SQL layer runs on: one connection of a storage plugin, and how its database spells
/// what the two databases write differently.
///
/// Statements of the shared layer are written with one `?` per bound value, in order; a connection whose
/// database numbers its parameters (PostgreSQL's `$1, $2, …`) numbers them itself.
package protocol SQLConnection {
    /// A result row.
    associatedtype Row: SQLRow

    /// The database's name, for messages.
    static var databaseName: String { get }
    /// Whether text and JSON values may hold the NUL character (PostgreSQL's cannot).
    static var storesNUL: Bool { get }

    /// Runs one statement and maps each row; rows mapped to nil are left out.
    func query<T>(_ sql: String, _ values: [SQLValue], _ map: (Row) throws -> T?) throws -> [T]
    /// Runs one statement without results; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue]) throws -> Int
    /// Runs `body`'s statements all or none: SQLite in an immediate transaction of its own, PostgreSQL in the
    /// caller's write transaction.
    func atomically<T>(_ body: () throws -> T) throws -> T
    /// Runs `body` so that no other writer runs it for the same `scope` and `key` meanwhile, on any server: SQLite in
    /// an immediate transaction of its own, PostgreSQL under a transaction-scoped advisory lock of the key.
    func serialized<T>(_ scope: String, _ key: [SQLValue], _ body: () throws -> T) throws -> T

    /// Inserts `model` into `table`, or replaces the stored row with its `(project_id, id)` except its creation time,
    /// which the returned model takes from the stored row: SQLite reads the row before it upserts, PostgreSQL's upsert
    /// returns the kept column.
    static func saveKeepingCreation<Table: ProjectScopedTable & WritableTable>(
        _ model: Table.Model, in table: Table.Type, projectID: String, id: String, createdAt: WritableKeyPath<Table.Model, Date>,
        fetcher: RowFetcher<Self>
    ) throws -> Table.Model

    /// What follows a job queue's `SELECT … LIMIT ?` so concurrent claimers skip each other's rows (PostgreSQL's
    /// `FOR UPDATE SKIP LOCKED`); empty where writers never overlap (SQLite).
    static var skipLocked: String { get }
    /// The condition that `column` is one of the strings of a list bound with ``list(_:json:)`` (one `?`).
    static func oneOf(_ column: String) -> String
    /// `strings` bound as one list parameter, as ``oneOf(_:)`` reads it.
    static func list(_ strings: [String], json: JSONColumns) throws -> SQLValue
    /// `table` as written after `FROM`, read through `index` where the database takes index hints (SQLite,
    /// which without statistics may walk a far less selective index).
    static func source(_ table: String, index: String?) -> String
    /// The condition that the JSON array of strings `array` holds every string of a JSON array bound as one `?`.
    static func containsAll(_ array: String) -> String
    /// The condition that the JSON array of strings `array` holds the string bound as one `?`.
    static func holds(_ array: String) -> String
    /// The condition that a row sorts before `values` by the two `columns`, both descending (keyset paging).
    static func precedes(_ columns: (String, String), _ values: (SQLValue, SQLValue)) -> (sql: String, values: [SQLValue])
    /// Adds to `filter` that a trace carries every tag of `tags` (none when empty).
    static func addTraceTags(_ tags: [String], projectID: String, to filter: inout SQLFilter, json: JSONColumns) throws
    /// The `ORDER BY` of a trace page sorted by `column`, ties by id in the same direction.
    static func traceOrder(_ column: String, ascending: Bool) -> String
    /// Statements deleting what the database derives from traces beyond `trace_totals`, each binding the project id and
    /// the list of trace ids (see ``list(_:json:)``).
    static var traceIndexDeletions: [String] { get }
    /// The project-scoped tables only this database has (indexes it keeps of project data, such as SQLite's
    /// `trace_tags`), emptied with the rest of a deleted project's data (see ``ProjectDataDeletion``).
    static var ownProjectTables: [String] { get }
    /// A statement deleting at most a bound number of `table`'s rows of one project: binds the project id, then the number.
    static func limitedProjectDeletion(from table: String) -> String
    /// The largest integer an `integer` column holds (PostgreSQL's are 32-bit).
    static var largestInteger: Int { get }
    /// The dialect of the metrics and metadata SQL this database runs.
    static var metricsDialect: MetricsSQLDialect { get }
}
