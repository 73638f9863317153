import LanternPluginSDK

/// The `sessions` table: created by the first trace naming the session, never changed afterwards.
package enum SessionTable: ProjectScopedTable {
    package static let table = "sessions"
    package static let columns = ["project_id", "id", "environment", "created_at"]

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Session {
        let projectID = try row.text()
        let id = try row.text()
        let environment = try row.text()
        let createdAt = try row.date()
        return Session(id: id, projectID: projectID, environment: environment, createdAt: createdAt)
    }
}
