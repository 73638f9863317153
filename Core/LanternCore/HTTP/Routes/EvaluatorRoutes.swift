import Foundation
import Hummingbird
import LanternPluginSDK

/// `/api/public/unstable/evaluators`: create (a new version per name), list, get and delete, with Langfuse's
/// `{message, code, details}` errors.
struct EvaluatorRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/unstable/evaluators", use: create)
        group.get("/unstable/evaluators", use: list)
        group.get("/unstable/evaluators/:evaluatorId", use: get)
        group.delete("/unstable/evaluators/:evaluatorId", use: delete)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let body = try await UnstableErrors.object(request, limit: maxBodyBytes)
            guard case .string(let name)? = body["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw EvaluationRequestError.invalidBody(["name"], "is required: the evaluator's name, also its scores' name")
            }
            switch body["type"]?.stringValue ?? EvaluatorCatalog.judgeType {
            case EvaluatorCatalog.judgeType: break
            case "code":
                throw EvaluationRequestError.invalidBody(["type"], "Lantern does not run PYTHON or TYPESCRIPT code evaluators; write a Swift evaluator "
                                                         + "plugin against plugin-sdk's `Evaluator`, load it in the config, and name it in a rule with type \"plugin\"")
            default:
                throw EvaluationRequestError.invalidBody(["type"], "must be llm_as_judge (evaluator plugins are loaded from the config)")
            }
            let definition = try JudgeDefinition.parse(body)
            let created = try await support.services.evaluators.create(try context.principal(), name: name, definition: definition)
            return JSONResponse.make(.ok, EvaluationPresenters.evaluator(.judge(created), ruleCount: try await ruleCount(context, id: created.id)))
        }
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let principal = try context.principal()
            let page = try QueryReader(request).page()
            let all = try await support.services.evaluators.all(principal)
            let counts = try await ruleCounts(context)
            let slice = Array(all.dropFirst(page.offset).prefix(page.limit))
            let listed = Page(items: slice, totalItems: all.count, request: page)
            return JSONResponse.make(.ok, Presenters.page(listed) { EvaluationPresenters.evaluator($0, ruleCount: counts[$0.id] ?? 0) })
        }
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let evaluator = try await support.services.evaluators.get(try context.principal(), id: try support.parameter("evaluatorId", context))
            return JSONResponse.make(.ok, EvaluationPresenters.evaluator(evaluator, ruleCount: try await ruleCount(context, id: evaluator.id)))
        }
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            try await support.services.evaluators.delete(try context.principal(), id: try support.parameter("evaluatorId", context))
            return JSONResponse.make(.ok, ["message": "Evaluator deleted"])
        }
    }

    private func ruleCount(_ context: LanternRequestContext, id: String) async throws -> Int { try await ruleCounts(context)[id] ?? 0 }

    /// How many rules use each evaluator id.
    private func ruleCounts(_ context: LanternRequestContext) async throws -> [String: Int] {
        let principal = try context.principal()
        let rules = try await AllPages.read { try await support.services.evaluationRules.list(principal, page: $0) }
        var counts: [String: Int] = [:]
        for rule in rules {
            for assignment in RuleAssignment.stored(rule) { counts[assignment.evaluatorID, default: 0] += 1 }
        }
        return counts
    }
}

/// The unstable evaluation API's error envelope for every error of its routes, and its body reading.
enum UnstableErrors {
    /// Runs a handler; an error without a `code` gets the one its status means.
    static func wrap(_ handler: () async throws -> Response) async throws -> Response {
        do {
            return try await handler()
        } catch var error as APIError where error.code == nil {
            error.code = switch error.status.code {
            case 400: "invalid_request"
            case 401: "authentication_failed"
            case 403: "access_denied"
            case 404: "resource_not_found"
            case 405: "method_not_allowed"
            case 409: "conflict"
            case 422: "unprocessable_content"
            case 429: "rate_limited"
            default: "internal_error"
            }
            throw error
        }
    }

    /// The request body as a JSON object, or 400 `invalid_body`.
    static func object(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        guard case .object(let object) = try await JSONResponse.body(of: request, limit: limit) else {
            throw EvaluationRequestError.invalidBody([], "must be a JSON object")
        }
        return object
    }
}
