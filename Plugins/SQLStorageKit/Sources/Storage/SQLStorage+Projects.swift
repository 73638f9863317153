import LanternPluginSDK

extension SQLStorage {
    /// Inserts the project, or updates everything but the creation time of the one with the same id.
    /// A name already used by another project throws ``StorageError/conflict(_:)``.
    public func upsertProject(_ project: Project) async throws {
        do {
            try await upsert(project, in: ProjectTable.self)
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
        try await rows(ProjectTable.self, where: "name = ?", [.text(name)]).first
    }

    /// The project with this id, or nil.
    public func project(id: String) async throws -> Project? {
        try await rows(ProjectTable.self, where: "id = ?", [.text(id)]).first
    }
}
