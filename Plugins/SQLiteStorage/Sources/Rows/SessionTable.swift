import LanternPluginSDK

/// The `sessions` table: created by the first trace naming the session, never changed afterwards.
enum SessionTable: ProjectScopedTable {
    static let table = "sessions"
    static let columns = ["project_id", "id", "environment", "created_at"]

    /// Inserts a session unless one with the same id exists.
    static var insertIfMissing: String {
        "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO NOTHING"
    }

    static func values(_ session: Session, json: JSONColumns) throws -> [SQLValue] {
        [.text(session.projectID), .text(session.id), .text(session.environment), .date(session.createdAt)]
    }

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Session {
        let projectID = try row.text()
        let id = try row.text()
        let environment = try row.text()
        let createdAt = try row.date()
        return Session(id: id, projectID: projectID, environment: environment, createdAt: createdAt)
    }
}
