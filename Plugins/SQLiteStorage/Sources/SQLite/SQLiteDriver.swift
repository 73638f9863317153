import CSQLite
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

    static func oneOf(_ column: String) -> String { "\(column) IN (SELECT value FROM json_each(?))" }

    static func list(_ strings: [String], json: JSONColumns) throws -> SQLValue { try json.column(strings, field: "list") }

    static func source(_ table: String, index: String?) -> String { index.map { "\(table) INDEXED BY \($0)" } ?? table }

    static func containsAll(_ array: String) -> String {
        "NOT EXISTS (SELECT 1 FROM json_each(?) AS wanted WHERE wanted.value NOT IN (SELECT value FROM json_each(\(array))))"
    }

    static func holds(_ array: String) -> String { "EXISTS (SELECT 1 FROM json_each(\(array)) WHERE value = ?)" }

    static var largestInteger: Int { Int(Int64.max) }

    static var metricsDialect: MetricsSQLDialect { .sqlite }

    /// The writer's work runs outside any transaction of its own.
    func atomically<T>(_ body: () throws -> T) throws -> T { try transaction(.immediate, body) }

    /// The writer runs each piece of work alone, so an immediate transaction keeps other connections out.
    func serialized<T>(_ scope: String, _ key: [SQLValue], _ body: () throws -> T) throws -> T {
        try transaction(.immediate, body)
    }
}

extension SQLiteRow: SQLRow {
    func name(at column: Int) -> String { name(Int32(truncatingIfNeeded: column)) }
    func isNull(at column: Int) -> Bool { isNull(Int32(truncatingIfNeeded: column)) }
    func text(at column: Int) -> String? { text(Int32(truncatingIfNeeded: column)) }
    func double(at column: Int) -> Double? { double(Int32(truncatingIfNeeded: column)) }
    func integer(at column: Int) -> Int64? { integer(Int32(truncatingIfNeeded: column)) }
    /// Booleans are stored as integers: non-zero is true.
    func bool(at column: Int) -> Bool? { integer(Int32(truncatingIfNeeded: column)).map { $0 != 0 } }

    func cell(at column: Int) -> SQLValue {
        let index = Int32(truncatingIfNeeded: column)
        switch storageClass(index) {
        case SQLITE_INTEGER: return integer(index).map(SQLValue.integer) ?? .null
        case SQLITE_FLOAT: return double(index).map(SQLValue.real) ?? .null
        case SQLITE_TEXT: return text(index).map(SQLValue.text) ?? .null
        default: return .null
        }
    }
}
