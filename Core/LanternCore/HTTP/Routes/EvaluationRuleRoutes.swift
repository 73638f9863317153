import Foundation
import Hummingbird
import LanternPluginSDK

/// `/api/public/unstable/evaluation-rules` (create, list, get, patch, delete) and Lantern's execution log,
/// `GET /api/public/evaluation-executions?ruleId=&traceId=&observationId=&status=`.
struct EvaluationRuleRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/unstable/evaluation-rules", use: create)
        group.get("/unstable/evaluation-rules", use: list)
        group.get("/unstable/evaluation-rules/:evaluationRuleId", use: get)
        group.patch("/unstable/evaluation-rules/:evaluationRuleId", use: update)
        group.delete("/unstable/evaluation-rules/:evaluationRuleId", use: delete)
        group.post("/unstable/evaluation-rules/:evaluationRuleId/backfill", use: backfill)
        group.get("/unstable/evaluation-rules/:evaluationRuleId/backfill", use: backfillProgress)
        group.get("/evaluation-executions", use: executions)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let parsed = try RuleRequest.parse(try await UnstableErrors.object(request, limit: maxBodyBytes), creating: true)
            return JSONResponse.make(.ok, EvaluationPresenters.rule(try await support.services.evaluationRules.create(try context.principal(), parsed)))
        }
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let page = try await support.services.evaluationRules.list(try context.principal(), page: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page, EvaluationPresenters.rule))
        }
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let rule = try await support.services.evaluationRules.get(try context.principal(), id: try support.parameter("evaluationRuleId", context))
            return JSONResponse.make(.ok, EvaluationPresenters.rule(rule))
        }
    }

    @Sendable func update(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let body = try await UnstableErrors.object(request, limit: maxBodyBytes)
            guard !body.isEmpty else { throw EvaluationRequestError.invalidBody([], "is empty; send the fields to change") }
            let parsed = try RuleRequest.parse(body, creating: false)
            let rule = try await support.services.evaluationRules.update(try context.principal(), id: try support.parameter("evaluationRuleId", context), parsed)
            return JSONResponse.make(.ok, EvaluationPresenters.rule(rule))
        }
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            try await support.services.evaluationRules.delete(try context.principal(), id: try support.parameter("evaluationRuleId", context))
            return JSONResponse.make(.ok, ["message": "Evaluation rule deleted"])
        }
    }

    /// Lantern's back-fill: `{"from", "to"}` (ISO 8601; `to` defaults to now), answered 202 with the progress.
    @Sendable func backfill(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            var reader = BodyReader(try await UnstableErrors.object(request, limit: maxBodyBytes))
            let from = reader.date("from"), to = reader.date("to") ?? Date()
            if let problem = reader.problem { throw APIError.evaluation(.badRequest, "invalid_body", problem) }
            guard let from else { throw EvaluationRequestError.invalidBody(["from"], "is required: the start of the range (ISO 8601)") }
            let progress = try await support.services.evaluationRules.backfill(try context.principal(), id: try support.parameter("evaluationRuleId", context),
                                                                                from: from, to: to)
            return JSONResponse.make(.accepted, progress.json)
        }
    }

    @Sendable func backfillProgress(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await UnstableErrors.wrap {
            let progress = try await support.services.evaluationRules.backfillProgress(try context.principal(),
                                                                                        id: try support.parameter("evaluationRuleId", context))
            return JSONResponse.make(.ok, progress.json)
        }
    }

    @Sendable func executions(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let query = try QueryReader(request)
        var filter = EvaluationExecutionQuery(ruleID: query.string("ruleId"), traceID: query.string("traceId"),
                                              observationID: query.string("observationId"), page: try query.page())
        if let status = query.string("status") {
            let known = EvaluationStatus.all.map(\.rawValue)
            guard known.contains(status.lowercased()) else {
                throw APIError.badRequest("status: must be one of \(known.joined(separator: ", ")) (got \(status))")
            }
            filter.status = EvaluationStatus(rawValue: status.lowercased())
        }
        let page = try await support.services.evaluationExecutions.list(try context.principal(), query: filter)
        return JSONResponse.make(.ok, Presenters.page(page, EvaluationPresenters.execution))
    }
}
