import LanternPluginSDK

/// Runs queries on one connection and decodes their rows into SDK models.
///
/// A row that cannot be decoded (corrupt JSON, a NULL where a value is required) is skipped with a
/// warning instead of failing the whole read.
package struct RowFetcher<Connection: SQLConnection> {
    /// The connection the statements run on.
    package let connection: Connection
    /// The JSON coders of this unit of work.
    package let json: JSONColumns
    /// Where skipped rows are reported.
    package let logger: PluginLogger

    /// Creates a fetcher with fresh JSON coders.
    package init(connection: Connection, logger: PluginLogger) {
        self.connection = connection
        self.json = JSONColumns(refusingNUL: !Connection.storesNUL)
        self.logger = logger
    }

    /// The rows of `sql` (which selects `Table.selectList`), decoded.
    package func fetch<Table: TableMapping>(_ table: Table.Type, _ sql: String, _ values: [SQLValue]) throws -> [Table.Model] {
        let idColumn = Table.columns.firstIndex(of: "id")
        return try connection.query(sql, values) { row in
            var reader = ColumnReader(row)
            do {
                return try Table.decode(&reader, json: json)
            } catch {
                logger.warning("skipping an unreadable \(Connection.databaseName) row", [
                    "table": Table.table, "id": idColumn.flatMap { row.text(at: $0) } ?? "?", "error": "\(error)",
                ])
                return nil
            }
        }
    }

    /// The row of a project-scoped table with this id, or nil.
    package func row<Table: ProjectScopedTable>(_ table: Table.Type, projectID: String, id: String) throws -> Table.Model? {
        try fetch(table, Table.selectByID, [.text(projectID), .text(id)]).first
    }

    /// The single integer a `SELECT COUNT(*) …` returns.
    package func count(_ sql: String, _ values: [SQLValue]) throws -> Int {
        Int(truncatingIfNeeded: try connection.query(sql, values) { $0.integer(at: 0) }.first ?? 0)
    }

    /// Every row of `sql` mapped with `map`; rows mapped to nil are left out.
    package func rows<T>(_ sql: String, _ values: [SQLValue], _ map: (Connection.Row) throws -> T?) throws -> [T] {
        try connection.query(sql, values, map)
    }

    /// `strings` bound as one list parameter, read by the connection's ``SQLConnection/oneOf(_:)`` condition.
    package func list(_ strings: [String]) throws -> SQLValue { try Connection.list(strings, json: json) }
}
