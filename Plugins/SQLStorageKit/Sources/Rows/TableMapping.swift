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
}

/// A table of project data keyed by `(project_id, id)`; its first two columns are `project_id, id`.
package protocol ProjectScopedTable: TableMapping {}

extension ProjectScopedTable {
    /// Selects the row with a given project id and id.
    package static var selectByID: String {
        DerivedSQL.text(Self.self, .selectByID) { "SELECT \(selectList) FROM \(table) WHERE project_id = ? AND id = ?" }
    }

    /// Inserts a row, or replaces every non-key column of the existing one.
    package static var upsert: String {
        DerivedSQL.text(Self.self, .upsert) {
            let updates = columns.dropFirst(2).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates)"
        }
    }
}
