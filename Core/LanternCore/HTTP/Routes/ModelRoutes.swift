import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET/POST /api/public/models` and `GET/DELETE /api/public/models/{id}` (contract §7): the project's own model
/// definitions (stored by a ``ModelStore``) listed before the built-in ones; built-in ones cannot be deleted.
struct ModelRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        let service = support.services.models
        group.get("/models") { request, context in
            let page = Page(slicing: service.list(try context.principal()), request: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page, ModelPresenter.model))
        }
        group.get("/models/:id") { _, context in
            let model = try service.get(try context.principal(), id: try support.parameter("id", context))
            return JSONResponse.make(.ok, ModelPresenter.model(model))
        }
        group.post("/models") { request, context in
            let principal = try context.principal()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
                throw APIError.badRequest("body: must be a JSON object")
            }
            let model: ModelDefinition
            do throws(ValidationFailure) {
                model = try ModelDefinitionValidator.definition(from: body, id: UUID().uuidString.lowercased(), projectID: principal.projectID,
                                                                 now: Date())
            } catch {
                throw APIError.badRequest(error.message)
            }
            let stored = try await service.create(principal, model)
            return JSONResponse.make(.ok, ModelPresenter.model(stored))
        }
        group.delete("/models/:id") { _, context in
            try await service.delete(try context.principal(), id: try support.parameter("id", context))
            return JSONResponse.make(.ok, ["message": "Model successfully deleted"])
        }
    }
}
