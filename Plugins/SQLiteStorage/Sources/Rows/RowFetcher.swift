import LanternPluginSDK

/// Runs queries on one connection and decodes their rows into SDK models.
///
/// A row that cannot be decoded (corrupt JSON, a NULL where a value is required) is skipped with a
/// warning instead of failing the whole read.
struct RowFetcher {
    let connection: SQLiteConnection
    let json: JSONColumns
    let logger: PluginLogger

    /// Creates a fetcher with fresh JSON coders.
    init(connection: SQLiteConnection, logger: PluginLogger) {
        self.connection = connection
        self.json = JSONColumns()
        self.logger = logger
    }

    /// The rows of `sql` (which selects `Table.selectList`), decoded.
    func fetch<Table: TableMapping>(_ table: Table.Type, _ sql: String, _ values: [SQLValue]) throws -> [Table.Model] {
        let idColumn = Table.columns.firstIndex(of: "id").map { Int32(truncatingIfNeeded: $0) }
        return try connection.query(sql, values) { row in
            var reader = ColumnReader(row)
            do {
                return try Table.decode(&reader, json: json)
            } catch {
                logger.warning("skipping an unreadable SQLite row", [
                    "table": Table.table, "id": idColumn.flatMap { row.text($0) } ?? "?", "error": "\(error)",
                ])
                return nil
            }
        }
    }

    /// The row of a project-scoped table with this id, or nil.
    func row<Table: ProjectScopedTable>(_ table: Table.Type, projectID: String, id: String) throws -> Table.Model? {
        try fetch(table, Table.selectByID, [.text(projectID), .text(id)]).first
    }

    /// The single integer a `SELECT COUNT(*) …` returns.
    func count(_ sql: String, _ values: [SQLValue]) throws -> Int {
        Int(truncatingIfNeeded: try connection.query(sql, values) { $0.integer(0) }.first ?? 0)
    }

    /// `strings` as a JSON array text, bound where SQL reads a list with `json_each(?)`.
    func list(_ strings: [String]) throws -> SQLValue { try json.column(strings, field: "list") }
}
