import LanternPluginSDK

/// The `sessions` table: created by the first trace naming the session, never changed afterwards.
enum SessionTable: ProjectScopedTable {
    static let table = "sessions"
    static let columns = ["project_id", "id", "environment", "created_at"]

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Session {
        let projectID = try row.text()
        let id = try row.text()
        let environment = try row.text()
        let createdAt = try row.date()
        return Session(id: id, projectID: projectID, environment: environment, createdAt: createdAt)
    }
}
