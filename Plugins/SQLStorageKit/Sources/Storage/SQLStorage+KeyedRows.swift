import LanternPluginSDK

/// The reads and writes the identity tables share: each is one statement on one table.
extension SQLStorage {
    /// The rows of `table` matching `condition`, ordered by `order`.
    func rows<Table: TableMapping>(_ table: Table.Type, where condition: String, _ values: [SQLValue],
                                   orderBy order: String? = nil) async throws -> [Table.Model] where Table.Model: Sendable {
        try await read { try $0.fetch(table, table.select(where: condition, orderBy: order), values) }
    }

    /// Inserts `model`, or replaces the stored row with the same key (see ``KeyedTable/upsert``).
    func upsert<Table: KeyedTable>(_ model: Table.Model, in table: Table.Type) async throws where Table.Model: Sendable {
        try await write { _ = try $0.connection.run(table.upsert, try table.values(model, json: $0.json)) }
    }

    /// Runs one statement changing rows; returns how many it changed.
    func change(_ sql: String, _ values: [SQLValue]) async throws -> Int {
        try await write { try $0.connection.run(sql, values) }
    }
}
