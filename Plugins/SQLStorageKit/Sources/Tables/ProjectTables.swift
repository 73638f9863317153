import LanternPluginSDK

/// The `projects` table (not project-scoped: it defines the projects).
package enum ProjectTable: WritableTable {
    package static let table = "projects"
    package static let columns = ["id", "name", "metadata", "created_at"]

    /// Inserts a project, or updates the name and metadata of the one with the same id.
    package static var upsert: String {
        "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (id) DO UPDATE SET name = excluded.name, metadata = excluded.metadata"
    }

    package static func values(_ project: Project, json: JSONColumns) throws -> [SQLValue] {
        [.text(project.id), .text(project.name), try json.column(project.metadata, field: "metadata"), .date(project.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Project {
        let id = try row.text()
        let name = try row.text()
        let metadata = try row.json([String: JSONValue].self, json)
        let createdAt = try row.date()
        return Project(id: id, name: name, metadata: metadata, createdAt: createdAt)
    }
}

/// The `api_keys` table: one row per public key.
package enum APIKeyTable: WritableTable {
    package static let table = "api_keys"
    package static let columns = ["id", "project_id", "public_key", "secret_hash", "display_secret", "created_at"]

    /// Inserts a key, or replaces the whole row of the key with the same public key.
    package static var upsert: String {
        let updates = columns.filter { $0 != "public_key" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (public_key) DO UPDATE SET \(updates)"
    }

    package static func values(_ key: APIKey, json: JSONColumns) throws -> [SQLValue] {
        [.text(key.id), .text(key.projectID), .text(key.publicKey), .text(key.secretHash), .text(key.displaySecret), .date(key.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> APIKey {
        let id = try row.text()
        let projectID = try row.text()
        let publicKey = try row.text()
        let secretHash = try row.text()
        let displaySecret = try row.text()
        let createdAt = try row.date()
        return APIKey(id: id, projectID: projectID, publicKey: publicKey, secretHash: secretHash, displaySecret: displaySecret,
                      createdAt: createdAt)
    }
}
