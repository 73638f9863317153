import Hummingbird
import LanternPluginSDK

/// `GET /api/public/observations` and `/api/public/observations/{observationId}`.
struct ObservationRoutes {
    let support: RouteSupport

    /// The list filters both observation lists take: traceId, name, type, userId, sessionId, parentObservationId, level,
    /// environment, fromStartTime, toStartTime, version.
    static func filters(_ reader: QueryReader) throws -> ObservationQuery {
        var query = ObservationQuery()
        query.traceID = reader.string("traceId")
        query.name = reader.string("name")
        query.type = try reader.oneOf("type", ObservationType.all.map(\.rawValue)).map { ObservationType(rawValue: $0) }
        query.userID = reader.string("userId")
        query.sessionID = reader.string("sessionId")
        query.parentObservationID = reader.string("parentObservationId")
        query.level = try reader.oneOf("level", ObservationLevel.all.map(\.rawValue)).map { ObservationLevel(rawValue: $0) }
        query.environments = reader.strings("environment")
        query.fromStartTime = try reader.date("fromStartTime")
        query.toStartTime = try reader.date("toStartTime")
        query.version = reader.string("version")
        return query
    }

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/observations") { request, context in
            let reader = QueryReader(request)
            var query = try Self.filters(reader)
            query.page = try reader.page()
            let found = try await support.services.observations.list(try context.principal(), query: query)
            return JSONResponse.make(.ok, Presenters.page(found.items) {
                Presenters.observation($0, promptIDs: found.promptIDs, models: support.runtime.models)
            })
        }
        group.get("/observations/:observationId") { _, context in
            let id = try support.parameter("observationId", context)
            let found = try await support.services.observations.get(try context.principal(), id: id)
            return JSONResponse.make(.ok, Presenters.observation(found.items, promptIDs: found.promptIDs, models: support.runtime.models))
        }
    }
}
