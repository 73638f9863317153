import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET/POST /api/public/models` and `GET/DELETE /api/public/models/{id}` (contract §7): the project's own model
/// definitions (stored by a ``ModelStore``) listed before the built-in ones; built-in ones cannot be deleted.
struct ModelRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/models", use: list)
        group.get("/models/:id", use: get)
        group.post("/models", use: create)
        group.delete("/models/:id", use: delete)
    }

    private var service: ModelService { support.services.models }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let page = Page(slicing: try service.list(try context.principal()), request: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(page, ModelPresenter.model))
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let model = try service.get(try context.principal(), id: try support.parameter("id", context))
        return JSONResponse.make(.ok, ModelPresenter.model(model))
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
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

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await service.delete(try context.principal(), id: try support.parameter("id", context))
        return JSONResponse.make(.ok, ["message": "Model successfully deleted"])
    }
}
