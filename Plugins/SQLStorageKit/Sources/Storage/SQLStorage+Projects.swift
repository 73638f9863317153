import LanternPluginSDK

extension SQLStorage {
    /// Inserts the project, or updates the name and metadata of the one with the same id.
    /// A name already used by another project throws ``StorageError/conflict(_:)``.
    public func upsertProject(_ project: Project) async throws {
        do {
            try await write { _ = try $0.connection.run(ProjectTable.upsert, try ProjectTable.values(project, json: $0.json)) }
        } catch StorageError.conflict(_) {
            throw StorageError.conflict("a project named '\(project.name)' already exists")
        }
    }

    /// Every project, ordered by name.
    public func projects() async throws -> [Project] {
        try await read { try $0.fetch(ProjectTable.self, "SELECT \(ProjectTable.selectList) FROM projects ORDER BY name, id", []) }
    }

    /// The project with this name, or nil.
    public func project(named name: String) async throws -> Project? {
        try await read { try $0.fetch(ProjectTable.self, "SELECT \(ProjectTable.selectList) FROM projects WHERE name = ?", [.text(name)]).first }
    }

    /// The project with this id, or nil.
    public func project(id: String) async throws -> Project? {
        try await read { try $0.fetch(ProjectTable.self, "SELECT \(ProjectTable.selectList) FROM projects WHERE id = ?", [.text(id)]).first }
    }

    /// Stores a key; a key with the same public key is replaced. An id already used by a key with
    /// another public key throws ``StorageError/conflict(_:)``.
    public func upsertAPIKey(_ key: APIKey) async throws {
        do {
            try await write { _ = try $0.connection.run(APIKeyTable.upsert, try APIKeyTable.values(key, json: $0.json)) }
        } catch StorageError.conflict(_) {
            throw StorageError.conflict("an API key with id '\(key.id)' already exists for another public key")
        }
    }

    /// The key with this public key, or nil.
    public func apiKey(publicKey: String) async throws -> APIKey? {
        try await read {
            try $0.fetch(APIKeyTable.self, "SELECT \(APIKeyTable.selectList) FROM api_keys WHERE public_key = ?", [.text(publicKey)]).first
        }
    }
}
