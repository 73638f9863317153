import LanternPluginSDK

extension SQLStorage {
    /// Creates the definition, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    public func saveModel(_ model: ModelDefinition) async throws -> ModelDefinition {
        try await write {
            try Connection.saveKeepingCreation(model, in: ModelTable.self, projectID: model.projectID ?? "", id: model.id,
                                               createdAt: \.createdAt, fetcher: $0)
        }
    }

    /// The project's definition with this id, or nil.
    public func model(projectID: String, id: String) async throws -> ModelDefinition? {
        try await read { try $0.row(ModelTable.self, projectID: projectID, id: id) }
    }

    /// Every definition of the project, oldest first.
    public func models(projectID: String) async throws -> [ModelDefinition] {
        try await read {
            try $0.fetch(ModelTable.self, "SELECT \(ModelTable.selectList) FROM models WHERE project_id = ? ORDER BY created_at, id", [.text(projectID)])
        }
    }

    /// Every project's definitions.
    public func allModels() async throws -> [ModelDefinition] {
        try await read { try $0.fetch(ModelTable.self, "SELECT \(ModelTable.selectList) FROM models ORDER BY project_id, created_at, id", []) }
    }

    /// Deletes a definition; false when it did not exist.
    public func deleteModel(projectID: String, id: String) async throws -> Bool {
        try await write { try $0.connection.run("DELETE FROM models WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0 }
    }
}
