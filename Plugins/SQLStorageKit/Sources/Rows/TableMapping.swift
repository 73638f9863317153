/// How one SDK model is read from a table: its columns (in SELECT order) and how a row becomes a model.
package protocol TableMapping {
    associatedtype Model
    /// The table name.
    static var table: String { get }
    /// Every column, in the order ``decode(_:json:)`` reads them.
    static var columns: [String] { get }
    /// The model read from a row selected with ``columns``.
    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Model
}

/// A table whose rows are written whole from a model.
package protocol WritableTable: TableMapping {
    /// The column values of `model`, in ``TableMapping/columns`` order; throws ``RowEncodingError`` when a field
    /// cannot be stored.
    static func values(_ model: Model, json: JSONColumns) throws -> [SQLValue]
}

extension TableMapping {
    /// The column list for SELECT and INSERT.
    package static var selectList: String { DerivedSQL.text(Self.self, .selectList) { columns.joined(separator: ", ") } }
    /// One `?` per column.
    package static var placeholders: String {
        DerivedSQL.text(Self.self, .placeholders) { Array(repeating: "?", count: columns.count).joined(separator: ", ") }
    }

    /// Inserts a row of every column; a row conflicting on the columns `key` instead gets every other column except
    /// `kept` from it.
    package static func upsertStatement(onConflict key: [String], keeping kept: [String] = []) -> String {
        let updates = columns.filter { !key.contains($0) && !kept.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(updates)"
    }

    /// Selects the rows matching `condition` (one `?` per bound value), ordered by `order`.
    package static func select(where condition: String, orderBy order: String? = nil) -> String {
        "SELECT \(selectList) FROM \(table) WHERE \(condition)" + (order.map { " ORDER BY \($0)" } ?? "")
    }
}

extension WritableTable {
    /// Inserts a row of every column; a row with the same key is a constraint violation.
    package static var insert: String { "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders))" }
}

/// A table of project data keyed by `(project_id, id)`; its first two columns are `project_id, id`.
package protocol ProjectScopedTable: TableMapping {}

extension ProjectScopedTable {
    /// Selects the row with a given project id and id.
    package static var selectByID: String {
        DerivedSQL.text(Self.self, .selectByID) { select(where: "project_id = ? AND id = ?") }
    }

    /// Inserts a row, or replaces every non-key column of the existing one.
    package static var upsert: String {
        DerivedSQL.text(Self.self, .upsert) { upsertStatement(onConflict: ["project_id", "id"]) }
    }
}

/// A table written whole from a model, keyed by ``primaryKey`` (the tables that are not project data).
package protocol KeyedTable: WritableTable {
    /// The primary key's columns.
    static var primaryKey: [String] { get }
    /// The columns an upsert of a stored row leaves as they are (its creation time).
    static var keptOnUpdate: [String] { get }
}

extension KeyedTable {
    /// Inserts a row, or replaces every column of the stored one except the key and ``keptOnUpdate``.
    package static var upsert: String {
        DerivedSQL.text(Self.self, .upsert) { upsertStatement(onConflict: primaryKey, keeping: keptOnUpdate) }
    }

    /// Deletes the row whose key columns are bound in ``primaryKey`` order.
    package static var deleteByKey: String {
        DerivedSQL.text(Self.self, .deleteByKey) { "DELETE FROM \(table) WHERE " + primaryKey.map { "\($0) = ?" }.joined(separator: " AND ") }
    }
}
