/// How one SDK model maps to a table: its columns (in SELECT order) and how a row becomes a model.
protocol TableMapping {
    associatedtype Model
    /// The table name.
    static var table: String { get }
    /// Every column, in the order ``decode(_:json:)`` reads them and ``values(_:json:)`` writes them.
    static var columns: [String] { get }
    /// The column values of `model`; throws ``RowEncodingError`` when a field cannot be stored.
    static func values(_ model: Model, json: JSONColumns) throws -> [SQLValue]
    /// The model read from a row selected with ``columns``.
    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Model
}

extension TableMapping {
    /// The column list for SELECT and INSERT.
    static var selectList: String { DerivedSQL.text(Self.self, .selectList) { columns.joined(separator: ", ") } }
    /// One `?` per column.
    static var placeholders: String {
        DerivedSQL.text(Self.self, .placeholders) { Array(repeating: "?", count: columns.count).joined(separator: ", ") }
    }
}

/// A table of project data keyed by `(project_id, id)`; its first two columns are `project_id, id`.
protocol ProjectScopedTable: TableMapping {}

extension ProjectScopedTable {
    /// Selects the row with a given project id and id.
    static var selectByID: String {
        DerivedSQL.text(Self.self, .selectByID) { "SELECT \(selectList) FROM \(table) WHERE project_id = ? AND id = ?" }
    }

    /// Inserts a row, or replaces every non-key column of the existing one.
    static var upsert: String {
        DerivedSQL.text(Self.self, .upsert) {
            let updates = columns.dropFirst(2).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates)"
        }
    }
}
