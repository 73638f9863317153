import Hummingbird
import LanternPluginSDK

/// `GET /api/public/sessions` and `/api/public/sessions/{sessionId}` (with its traces).
struct SessionRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/sessions") { request, context in
            let reader = QueryReader(request)
            var query = SessionQuery()
            query.page = try reader.page()
            query.fromTimestamp = try reader.date("fromTimestamp")
            query.toTimestamp = try reader.date("toTimestamp")
            query.environments = reader.strings("environment")
            let page = try await support.services.sessions.list(try context.principal(), query: query)
            return JSONResponse.make(.ok, Presenters.page(page) { .object(Presenters.session($0)) })
        }
        group.get("/sessions/:sessionId") { _, context in
            let found = try await support.services.sessions.get(try context.principal(), id: try support.parameter("sessionId", context))
            var object = Presenters.session(found.session)
            object["traces"] = .array(found.traces.map { .object(Presenters.trace($0.trace)) })
            return JSONResponse.make(.ok, .object(object))
        }
    }
}
