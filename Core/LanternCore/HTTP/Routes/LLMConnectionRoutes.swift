import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET/PUT /api/public/llm-connections`, `DELETE /api/public/llm-connections/{id}`, and Lantern's
/// `POST /api/public/llm-connections/{id}/test`, which calls the provider once and reports its words.
struct LLMConnectionRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/llm-connections", use: list)
        group.put("/llm-connections", use: upsert)
        group.delete("/llm-connections/:id", use: delete)
        group.post("/llm-connections/:id/test", use: test)
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let page = try await support.services.llmConnections.list(try context.principal(), page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(page, EvaluationPresenters.connection))
    }

    @Sendable func upsert(_ request: Request, context: LanternRequestContext) async throws -> Response {
        guard case .object(let object) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
            throw APIError.badRequest("body: must be a JSON object")
        }
        var reader = BodyReader(object)
        let provider = reader.string("provider"), adapter = reader.string("adapter"), secretKey = reader.string("secretKey")
        let baseURL = reader.string("baseURL"), customModels = reader.strings("customModels"), withDefaults = reader.bool("withDefaultModels")
        var headers: [String: String]?
        switch object["extraHeaders"] {
        case nil, .null?: break
        case .object(let values)?:
            headers = try values.mapValues { value in
                guard case .string(let text) = value else { throw APIError.badRequest("extraHeaders: every value must be a string") }
                return text
            }
        default: throw APIError.badRequest("extraHeaders: must be an object of header names to string values")
        }
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let provider else { throw APIError.badRequest("provider: is required") }
        guard let adapter else { throw APIError.badRequest("adapter: is required: one of \(LLMConnectionService.adapters.joined(separator: ", "))") }
        guard let secretKey else { throw APIError.badRequest("secretKey: is required") }
        let draft = LLMConnectionService.Draft(provider: provider, adapter: adapter, secretKey: secretKey, baseURL: baseURL, customModels: customModels,
                                               withDefaultModels: withDefaults, extraHeaders: headers, config: object["config"])
        let (connection, created) = try await support.services.llmConnections.upsert(try context.principal(), draft)
        return JSONResponse.make(created ? .created : .ok, EvaluationPresenters.connection(connection))
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await support.services.llmConnections.delete(try context.principal(), id: try support.parameter("id", context))
        return JSONResponse.make(.ok, ["message": "LLM connection deleted"])
    }

    @Sendable func test(_ request: Request, context: LanternRequestContext) async throws -> Response {
        var model: String?
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false, case .object(let object) = try await JSONResponse.body(of: request, limit: maxBodyBytes) {
            model = object["model"]?.stringValue
        }
        let answer = try await support.services.llmConnections.test(try context.principal(), id: try support.parameter("id", context), model: model)
        return JSONResponse.make(.ok, answer)
    }
}
