import LanternPluginSDK

/// Deleting a project: its data a batch at a time, then its `projects` row.
extension SQLStorage {
    /// Deletes at most `limit` rows of the project's data from one table (see ``ProjectDataDeletion``) in one short
    /// transaction; returns the table and the number of rows, or nil once only the `projects` row is left.
    public func deleteProjectData(projectID: String, limit: Int) async throws -> (table: String, rows: Int)? {
        try await write { try ProjectDataDeletion(projectID: projectID, limit: limit).run(with: $0) }
    }

    /// Deletes the `projects` row (once ``deleteProjectData(projectID:limit:)`` returned nil); false when absent.
    public func deleteProjectRecord(id: String) async throws -> Bool {
        try await change("DELETE FROM projects WHERE id = ?", [.text(id)]) > 0
    }
}
