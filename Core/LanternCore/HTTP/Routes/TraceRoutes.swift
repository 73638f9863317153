import Hummingbird
import LanternPluginSDK

/// `GET/DELETE /api/public/traces` and `/api/public/traces/{traceId}`.
struct TraceRoutes {
    static let sortable = ["timestamp", "name", "userId", "sessionId", "release", "version"]
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/traces") { request, context in
            let query = try Self.query(QueryReader(request))
            let page = try await support.storage().traces(projectID: try context.requireProject(), query: query)
            return JSONResponse.make(.ok, Presenters.page(page, Presenters.traceWithDetails))
        }
        group.get("/traces/:traceId") { _, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("traceId", context)
            let storage = try support.storage()
            guard let summary = try await storage.trace(projectID: projectID, id: id) else {
                throw APIError.notFound("Trace not found within authorized project")
            }
            async let observations = storage.observations(projectID: projectID, traceIDs: [id])
            async let scores = storage.scores(projectID: projectID, traceIDs: [id])
            let loaded = try await observations
            let promptIDs = try await PromptIDs.resolve(loaded, projectID: projectID, storage: storage)
            return JSONResponse.make(.ok, Presenters.traceWithFullDetails(summary, observations: loaded, scores: try await scores, promptIDs: promptIDs,
                                                                           models: support.runtime.models))
        }
        group.delete("/traces/:traceId") { _, context in
            let id = try support.parameter("traceId", context)
            let deleted = try await support.storage().deleteTraces(projectID: try context.requireProject(), ids: [id])
            guard deleted > 0 else { throw APIError.notFound("Trace not found within authorized project") }
            return JSONResponse.make(.ok, ["message": "Trace deleted successfully"])
        }
        group.delete("/traces") { request, context in
            let body = try await JSONResponse.body(of: request, limit: 1 << 20)
            guard case .array(let raw)? = body.objectValue?["traceIds"], !raw.isEmpty else {
                throw APIError.badRequest("traceIds: expected a non-empty list of trace ids")
            }
            let ids = raw.compactMap(\.stringValue)
            guard ids.count == raw.count else { throw APIError.badRequest("traceIds: every entry must be a string") }
            _ = try await support.storage().deleteTraces(projectID: try context.requireProject(), ids: ids)
            return JSONResponse.make(.ok, ["message": "Traces deleted successfully"])
        }
    }

    /// The list query from `page, limit, userId, name, sessionId, tags, fromTimestamp, toTimestamp, version, release, environment, orderBy`
    /// and the `filter` JSON, which replaces the plain filters.
    static func query(_ reader: QueryReader) throws -> TraceQuery {
        var query = TraceQuery()
        query.page = try reader.page()
        query.userID = reader.string("userId")
        query.name = reader.string("name")
        query.sessionID = reader.string("sessionId")
        query.tags = reader.strings("tags")
        query.fromTimestamp = try reader.date("fromTimestamp")
        query.toTimestamp = try reader.date("toTimestamp")
        query.version = reader.string("version")
        query.release = reader.string("release")
        query.environments = reader.strings("environment")
        if let orderBy = reader.string("orderBy") {
            let parts = orderBy.split(separator: ".").map(String.init)
            guard parts.count == 2, sortable.contains(parts[0]), let direction = SortDirection(rawValue: parts[1].lowercased()) else {
                throw APIError.badRequest("orderBy must be <field>.<asc|desc> with field one of \(sortable.joined(separator: ", ")) (got \(orderBy))")
            }
            query.orderBy = parts[0]
            query.direction = direction
        }
        if let filter = reader.string("filter") { try TraceFilterParser.apply(filter, to: &query) }
        return query
    }
}
