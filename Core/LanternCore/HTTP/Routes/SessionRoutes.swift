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
            let page = try await support.storage().sessions(projectID: try context.requireProject(), query: query)
            return JSONResponse.make(.ok, Presenters.page(page) { .object(Presenters.session($0)) })
        }
        group.get("/sessions/:sessionId") { _, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("sessionId", context)
            let storage = try support.storage()
            guard let session = try await storage.session(projectID: projectID, id: id) else {
                throw APIError.notFound("Session not found within authorized project")
            }
            var object = Presenters.session(session)
            object["traces"] = .array(try await storage.traces(projectID: projectID, sessionID: id).map { .object(Presenters.trace($0.trace)) })
            return JSONResponse.make(.ok, .object(object))
        }
    }
}
