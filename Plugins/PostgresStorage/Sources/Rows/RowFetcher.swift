import LanternPluginSDK

/// Runs queries on one connection and decodes their rows into SDK models.
///
/// A row that cannot be decoded (corrupt JSON, a NULL where a value is required) is skipped with a
/// warning instead of failing the whole read.
struct RowFetcher {
    let connection: PGConnection
    let json: JSONColumns
    let logger: PluginLogger

    /// Creates a fetcher with fresh JSON coders.
    init(connection: PGConnection, logger: PluginLogger) {
        self.connection = connection
        self.json = JSONColumns()
        self.logger = logger
    }

    /// The rows of `sql` (which selects `Table.selectList`), decoded.
    func fetch<Table: TableMapping>(_ table: Table.Type, _ sql: String, _ values: [PGValue]) throws -> [Table.Model] {
        let result = try connection.query(sql, values)
        let idColumn = Table.columns.firstIndex(of: "id")
        return (0..<result.rowCount).compactMap { index in
            let row = PGRow(result: result, index: index)
            var reader = ColumnReader(row)
            do {
                return try Table.decode(&reader, json: json)
            } catch {
                logger.warning("skipping an unreadable PostgreSQL row", [
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
    func count(_ sql: String, _ values: [PGValue]) throws -> Int {
        let result = try connection.query(sql, values)
        return PGRow(result: result, index: 0).integer(0) ?? 0
    }

    /// Every row of `sql` mapped with `map`; rows mapped to nil are left out.
    func rows<T>(_ sql: String, _ values: [PGValue], _ map: (PGRow) -> T?) throws -> [T] {
        let result = try connection.query(sql, values)
        return (0..<result.rowCount).compactMap { map(PGRow(result: result, index: $0)) }
    }
}

extension PGValue {
    /// `strings` as a `text[]` literal, bound where SQL reads a list with `= ANY($n::text[])`.
    static func textArray(_ strings: [String]) -> PGValue {
        let elements = strings.map { string -> String in
            var quoted = "\""
            for scalar in string.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        return .text("{" + elements.joined(separator: ",") + "}")
    }
}
