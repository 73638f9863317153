import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/v2/scores` (every filter of the OpenAPI file), `GET /api/public/v2/scores/{scoreId}` and
/// `DELETE /api/public/scores/{scoreId}` (204). Listed scores carry their trace's user, tags, environment and session.
struct ScoreQueryRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/v2/scores") { request, context in
            let principal = try context.principal()
            let reader = QueryReader(request)
            let query = try Self.query(reader)
            guard try Self.includesTrace(reader) else {
                return JSONResponse.make(.ok, Presenters.page(try await support.services.scores.list(principal, query: query), Presenters.score))
            }
            let found = try await support.services.scores.listWithTraces(principal, query: query)
            return JSONResponse.make(.ok, Presenters.page(found.page) { Self.present($0, traces: found.traces) })
        }
        group.get("/v2/scores/:scoreId") { _, context in
            let found = try await support.services.scores.get(try context.principal(), id: try support.parameter("scoreId", context))
            return JSONResponse.make(.ok, Self.present(found.score, traces: found.traces))
        }
        group.delete("/scores/:scoreId") { _, context in
            try await support.services.scores.delete(try context.principal(), id: try support.parameter("scoreId", context))
            return Response(status: .noContent)
        }
    }

    /// Whether the `fields` groups (`score`, `trace`; both by default) include the trace; trace filters need it.
    private static func includesTrace(_ reader: QueryReader) throws -> Bool {
        let fields = Set(reader.strings("fields"))
        if let unknown = fields.subtracting(["score", "trace"]).sorted().first {
            throw APIError.badRequest("fields: unknown field group '\(unknown)' (score, trace)")
        }
        let withTrace = fields.isEmpty || fields.contains("trace")
        if !withTrace, reader.string("userId") != nil || !reader.strings("traceTags").isEmpty {
            throw APIError.badRequest("fields: filtering by userId or traceTags needs the 'trace' field group")
        }
        return withTrace
    }

    /// The query parameters as a ``ScoreQuery``; a malformed one is a 400 naming it.
    static func query(_ reader: QueryReader) throws -> ScoreQuery {
        var query = ScoreQuery()
        query.page = try reader.page()
        query.userID = reader.string("userId")
        query.name = reader.string("name")
        query.fromTimestamp = try reader.date("fromTimestamp")
        query.toTimestamp = try reader.date("toTimestamp")
        query.environments = reader.strings("environment")
        query.source = try reader.oneOf("source", ScoreSource.all.map(\.rawValue)).map(ScoreSource.init(rawValue:))
        query.dataType = try reader.oneOf("dataType", ScoreDataType.all.map(\.rawValue)).map(ScoreDataType.init(rawValue:))
        query.scoreIDs = reader.strings("scoreIds")
        query.configID = reader.string("configId")
        query.sessionID = reader.string("sessionId")
        query.datasetRunID = reader.string("datasetRunId")
        query.traceID = reader.string("traceId")
        query.observationIDs = reader.strings("observationId")
        query.queueID = reader.string("queueId")
        query.traceTags = reader.strings("traceTags")
        let operatorText = reader.string("operator"), valueText = reader.string("value")
        if operatorText != nil || valueText != nil {
            guard let operatorText, let comparison = ScoreQuery.Comparison.all.first(where: { $0.rawValue == operatorText }) else {
                throw APIError.badRequest("Query parameter operator must be one of <, >, <=, >=, =, != together with value (got \(operatorText ?? "none"))")
            }
            guard let valueText, let value = Double(valueText), value.isFinite else {
                throw APIError.badRequest("Query parameter value must be a number together with operator (got \(valueText ?? "none"))")
            }
            query.comparison = comparison
            query.value = value
        }
        if let filter = reader.string("filter") { try ScoreFilterParser.apply(filter, to: &query) }
        return query
    }

    /// A v2 score: the score with `trace: {userId, tags, environment, sessionId}` (null without a stored trace).
    private static func present(_ score: Score, traces: [String: Trace]) -> JSONValue {
        guard case .object(var object) = Presenters.score(score) else { return Presenters.score(score) }
        if let trace = score.traceID.flatMap({ traces[$0] }) {
            object["trace"] = ["userId": Presenters.string(trace.userID), "tags": .array(trace.tags.map { .string($0) }),
                               "environment": .string(trace.environment), "sessionId": Presenters.string(trace.sessionID)]
        } else {
            object["trace"] = .null
        }
        return .object(object)
    }
}
