/// How one SDK model is read from a table: its columns (in SELECT order) and how a row becomes a model.
protocol TableMapping {
    associatedtype Model
    /// The table name.
    static var table: String { get }
    /// Every column, in the order ``decode(_:json:)`` reads them.
    static var columns: [String] { get }
    /// The model read from a row selected with ``columns``.
    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Model
}

/// A table whose rows are written whole from a model (everything but the ingestion tables, which merge in SQL).
protocol WritableTable: TableMapping {
    /// The column values of `model`, in ``columns`` order; throws ``RowEncodingError`` when a field cannot be stored.
    static func values(_ model: Model, json: JSONColumns) throws -> [PGValue]
}

extension TableMapping {
    /// The column list for SELECT and INSERT.
    static var selectList: String { columns.joined(separator: ", ") }
}

extension WritableTable {
    /// `$1, $2, …`, one per column.
    static var placeholders: String { columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ") }
}

/// A table of project data keyed by `(project_id, id)`; its first two columns are `project_id, id`.
protocol ProjectScopedTable: TableMapping {}

extension ProjectScopedTable {
    /// Selects the row with a given project id (`$1`) and id (`$2`).
    static var selectByID: String { "SELECT \(selectList) FROM \(table) WHERE project_id = $1 AND id = $2" }
}

extension ProjectScopedTable where Self: WritableTable {
    /// Inserts a row, or replaces every non-key column of the existing one.
    static var upsert: String {
        let updates = columns.dropFirst(2).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates)"
    }
}
