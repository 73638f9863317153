import SQLStorageKit

extension ProjectScopedTable {
    /// Inserts a row, or replaces every column of the one with the same id except `kept`; returns `kept` as stored
    /// (PostgreSQL answers in one statement what SQLite reads back before it upserts).
    static func save(keeping kept: [String]) -> String {
        let fixed = ["project_id", "id"] + kept
        let updates = columns.filter { !fixed.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates) "
            + "RETURNING \(kept.joined(separator: ", "))"
    }
}
