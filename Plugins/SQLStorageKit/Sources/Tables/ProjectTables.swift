import LanternPluginSDK

/// The `projects` table (not project-scoped: it defines the projects). Names are unique across organizations.
package enum ProjectTable: KeyedTable {
    package static let table = "projects"
    package static let columns = ["id", "name", "metadata", "created_at", "organization_id", "retention_days", "updated_at"]
    package static let primaryKey = ["id"]
    package static let keptOnUpdate = ["created_at"]

    package static func values(_ project: Project, json: JSONColumns) throws -> [SQLValue] {
        [.text(project.id), .text(project.name), try json.column(project.metadata, field: "metadata"), .date(project.createdAt),
         .text(project.organizationID), .optional(project.retentionDays), .date(project.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Project {
        let id = try row.text()
        let name = try row.text()
        let metadata = try row.json([String: JSONValue].self, json)
        let createdAt = try row.date()
        let organizationID = try row.text()
        let retentionDays = try row.optionalInt()
        let updatedAt = try row.date()
        return Project(id: id, name: name, metadata: metadata, createdAt: createdAt, organizationID: organizationID,
                       retentionDays: retentionDays, updatedAt: updatedAt)
    }
}

/// The `api_keys` table: one row per public key; `project_id` is NULL for an organization key.
package enum APIKeyTable: WritableTable {
    package static let table = "api_keys"
    package static let columns = ["id", "project_id", "organization_id", "public_key", "secret_hash", "display_secret", "created_at",
                                  "note", "last_used_at", "expires_at"]

    /// Inserts a key, or replaces the row of the key with the same public key. The time it was last used is kept when
    /// the new row has none: the kernel stores its configured keys again on every start, which must not forget it.
    package static var upsert: String {
        upsertStatement(onConflict: ["public_key"], keeping: ["last_used_at"])
            + ", last_used_at = COALESCE(excluded.last_used_at, \(table).last_used_at)"
    }

    package static func values(_ key: APIKey, json: JSONColumns) throws -> [SQLValue] {
        [.text(key.id), .optional(key.projectID), .text(key.organizationID), .text(key.publicKey), .text(key.secretHash),
         .text(key.displaySecret), .date(key.createdAt), .optional(key.note), .optional(key.lastUsedAt),
         .optional(key.expiresAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> APIKey {
        let id = try row.text()
        let projectID = row.optionalText()
        let organizationID = try row.text()
        let publicKey = try row.text()
        let secretHash = try row.text()
        let displaySecret = try row.text()
        let createdAt = try row.date()
        let note = row.optionalText()
        let lastUsedAt = try row.optionalDate()
        let expiresAt = try row.optionalDate()
        return APIKey(id: id, projectID: projectID, organizationID: organizationID, publicKey: publicKey, secretHash: secretHash,
                      displaySecret: displaySecret, createdAt: createdAt, note: note, lastUsedAt: lastUsedAt, expiresAt: expiresAt)
    }
}
