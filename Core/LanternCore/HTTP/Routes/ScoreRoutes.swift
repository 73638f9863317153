import Foundation
import Hummingbird
import LanternPluginSDK

/// `POST /api/public/scores`: one score object (200 `{id}`) or an array of them (202 `{"message":"Accepted"}`
/// when all are stored, else 207 with accepted/rejected counts). Scores go through the ingestion pipeline.
struct ScoreRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/scores", use: create)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let projectID = principal.projectID
        let body = try await JSONResponse.body(of: request, limit: maxBodyBytes)
        let now = Date()
        let decoder = ScoreDecoder(projectID: projectID, now: now, sources: [.api, .annotation])
        func decode(_ raw: JSONValue) -> Result<Score, ValidationFailure> {
            guard case .object(let object) = raw else { return .failure(ValidationFailure("body: a score must be an object")) }
            var reader = BodyReader(object)
            return decoder.decode(&reader, eventTimestamp: now)
        }
        if case .array(let items) = body {
            var scores: [Score] = []
            var errors: [String] = []
            for raw in items {
                switch decode(raw) {
                case .success(let score): scores.append(score)
                case .failure(let failure): errors.append(failure.message)
                }
            }
            let outcomes = try await support.services.scores.create(principal, scores, at: now)
            errors += outcomes.compactMap { $0.isSuccess ? nil : ($0.error ?? "not stored") }
            guard errors.isEmpty else {
                return JSONResponse.make(HTTPResponse.Status(code: 207), [
                    "accepted": .number(Double(outcomes.filter(\.isSuccess).count)), "rejected": .number(Double(errors.count)),
                    "errors": .array(errors.map { ["message": .string($0)] }),
                ])
            }
            return JSONResponse.make(.accepted, ["message": "Accepted"])
        }
        let score: Score
        switch decode(body) {
        case .success(let decoded): score = decoded
        case .failure(let failure): throw APIError.badRequest(failure.message)
        }
        let outcomes = try await support.services.scores.create(principal, [score], at: now)
        if let failed = outcomes.first(where: { !$0.isSuccess }) { throw APIError.refused(failed) }
        return JSONResponse.make(.ok, ["id": .string(score.id)])
    }
}
