import SQLStorageKit

extension ProjectScopedTable {
    /// Inserts a row, or replaces every column of the one with the same id except `kept`; returns `kept` as stored
    /// (PostgreSQL answers in one statement what SQLite reads back before it upserts).
    static func save(keeping kept: [String]) -> String {
        upsertStatement(onConflict: ["project_id", "id"], keeping: kept) + " RETURNING \(kept.joined(separator: ", "))"
    }
}
