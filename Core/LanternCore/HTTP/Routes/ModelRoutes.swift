import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET/POST /api/public/models` and `GET/DELETE /api/public/models/{id}` (contract §7): the project's own model
/// definitions (stored by a ``ModelStore``) listed before the built-in ones; built-in ones cannot be deleted.
struct ModelRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        let catalog = support.runtime.models
        group.get("/models") { request, context in
            let projectID = try context.requireProject()
            let all = catalog.projectModels(projectID) + catalog.builtIns
            let page = Page(slicing: all, request: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page, ModelPresenter.model))
        }
        group.get("/models/:id") { _, context in
            let id = try support.parameter("id", context)
            guard let model = catalog.definition(projectID: try context.requireProject(), id: id) else {
                throw APIError.notFound("Model not found: \(id)")
            }
            return JSONResponse.make(.ok, ModelPresenter.model(model))
        }
        group.post("/models") { request, context in
            let projectID = try context.requireProject()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
                throw APIError.badRequest("body: must be a JSON object")
            }
            let model: ModelDefinition
            do throws(ValidationFailure) {
                model = try ModelDefinitionValidator.definition(from: body, id: UUID().uuidString.lowercased(), projectID: projectID, now: Date())
            } catch {
                throw APIError.badRequest(error.message)
            }
            if catalog.projectModels(projectID).contains(where: { $0.modelName == model.modelName }) {
                throw APIError.badRequest("modelName: the project already has a model named '\(model.modelName)'")
            }
            let stored = try await store().saveModel(model)
            catalog.store(stored)
            return JSONResponse.make(.ok, ModelPresenter.model(stored))
        }
        group.delete("/models/:id") { _, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("id", context)
            guard try await store().deleteModel(projectID: projectID, id: id) else {
                let builtIn = catalog.builtIns.contains { $0.id == id }
                throw builtIn ? APIError.badRequest("Cannot delete a built-in model: \(id); create a project model to override it")
                              : APIError.notFound("Model not found: \(id)")
            }
            catalog.remove(projectID: projectID, id: id)
            return JSONResponse.make(.ok, ["message": "Model successfully deleted"])
        }
    }

    private func store() throws -> any ModelStore {
        guard let store = try support.storage() as? any ModelStore else {
            throw APIError.notImplemented("The storage plugin does not support model definitions")
        }
        return store
    }
}
