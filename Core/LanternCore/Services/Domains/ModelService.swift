import Foundation
import LanternPluginSDK

/// Model definitions: the project's own (kept by a ``ModelStore``) before the built-in price table; built-in ones
/// cannot be deleted. The kernel's catalog follows every change at once.
struct ModelService: Sendable {
    let kernel: KernelServices

    private var catalog: ModelCatalog { kernel.runtime.models }
    private func store() throws -> any ModelStore { try kernel.capability((any ModelStore).self, "model definitions") }

    /// The project's models, then the built-in ones.
    func list(_ principal: Principal) throws -> [ModelDefinition] {
        try kernel.authorize(principal, .projectRead)
        return catalog.projectModels(principal.projectID) + catalog.builtIns
    }

    func get(_ principal: Principal, id: String) throws -> ModelDefinition {
        try kernel.authorize(principal, .projectRead)
        guard let model = catalog.definition(projectID: principal.projectID, id: id) else { throw APIError.notFound("Model not found: \(id)") }
        return model
    }

    /// Stores a project model; its name must be new to the project.
    func create(_ principal: Principal, _ model: ModelDefinition) async throws -> ModelDefinition {
        try kernel.authorize(principal, .modelsWrite)
        if catalog.projectModels(principal.projectID).contains(where: { $0.modelName == model.modelName }) {
            throw APIError.badRequest("modelName: the project already has a model named '\(model.modelName)'")
        }
        let stored = try await store().saveModel(model)
        catalog.store(stored)
        kernel.audit.record(principal, "model", stored.id, "created", after: ModelPresenter.model(stored))
        return stored
    }

    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .modelsWrite)
        let before = catalog.definition(projectID: principal.projectID, id: id)
        guard try await store().deleteModel(projectID: principal.projectID, id: id) else {
            let builtIn = catalog.builtIns.contains { $0.id == id }
            throw builtIn ? APIError.badRequest("Cannot delete a built-in model: \(id); create a project model to override it")
                          : APIError.notFound("Model not found: \(id)")
        }
        catalog.remove(projectID: principal.projectID, id: id)
        kernel.audit.record(principal, "model", id, "deleted", before: before.map(ModelPresenter.model))
    }
}
