import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET/DELETE /api/public/traces` and `/api/public/traces/{traceId}`.
struct TraceRoutes {
    /// Langfuse's sort fields, and the totals Lantern adds (`latency`, `totalCost`, `totalTokens`).
    static let sortable = ["timestamp", "name", "userId", "sessionId", "release", "version", "latency", "totalCost", "totalTokens"]
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/traces", use: list)
        group.get("/traces/:traceId", use: detail)
        group.delete("/traces/:traceId", use: deleteOne)
        group.delete("/traces", use: deleteMany)
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let query = try Self.query(QueryReader(request))
        let page = try await support.services.traces.list(try context.principal(), query: query)
        // Keyset paging (Lantern's addition): in the default order, `meta.cursor` fetches the page after this one.
        var next = JSONValue.null
        if query.orderBy == "timestamp", query.direction == .descending, page.items.count == query.page.limit, let last = page.items.last {
            next = .string(KeysetCursorText.encode(time: last.trace.timestamp, id: last.trace.id))
        }
        return JSONResponse.make(.ok, Presenters.page(page, Presenters.traceWithDetails, meta: ["cursor": next]))
    }

    /// The trace with every field group, or those `fields` names (core, io, scores, observations, metrics; core is
    /// always included): an excluded list is empty, excluded io is null, excluded metrics are -1, as Langfuse answers.
    @Sendable func detail(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let groups = try Self.fieldGroups(QueryReader(request))
        let found = try await support.services.traces.detail(try context.principal(), id: try support.parameter("traceId", context),
                                                              observations: groups.contains("observations"), scores: groups.contains("scores"))
        guard case .object(var trace) = Presenters.traceWithFullDetails(found.summary, observations: found.observations, scores: found.scores,
                                                                        promptIDs: found.promptIDs, models: support.runtime.models) else {
            throw APIError.notFound("Trace not found within authorized project")
        }
        if !groups.contains("io") { (trace["input"], trace["output"], trace["metadata"]) = (.null, .null, .null) }
        if !groups.contains("metrics") { (trace["totalCost"], trace["latency"]) = (-1, -1) }
        return JSONResponse.make(.ok, .object(trace))
    }

    static let fieldGroups: Set<String> = ["core", "io", "scores", "observations", "metrics"]

    /// The `fields` groups asked for (comma-separated, or repeated), all when absent; an unknown one is a 400.
    static func fieldGroups(_ reader: QueryReader) throws -> Set<String> {
        let named = reader.strings("fields").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        guard !named.isEmpty else { return fieldGroups }
        if let unknown = named.first(where: { !fieldGroups.contains($0) }) {
            throw APIError.badRequest("fields: unknown field group '\(unknown)' (core, io, scores, observations, metrics)")
        }
        return Set(named).union(["core"])
    }

    @Sendable func deleteOne(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await support.services.traces.delete(try context.principal(), id: try support.parameter("traceId", context))
        return JSONResponse.make(.ok, ["message": "Trace deleted successfully"])
    }

    @Sendable func deleteMany(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let body = try await JSONResponse.body(of: request, limit: 1 << 20)
        guard case .array(let raw)? = body.objectValue?["traceIds"], !raw.isEmpty else {
            throw APIError.badRequest("traceIds: expected a non-empty list of trace ids")
        }
        let ids = raw.compactMap(\.stringValue)
        guard ids.count == raw.count else { throw APIError.badRequest("traceIds: every entry must be a string") }
        try await support.services.traces.delete(try context.principal(), ids: ids)
        return JSONResponse.make(.ok, ["message": "Traces deleted successfully"])
    }

    /// The list query from `page, limit, userId, name, sessionId, tags, fromTimestamp, toTimestamp, version, release, environment, orderBy`
    /// and the `filter` JSON, which replaces the plain filters; `search` with `searchType` is Lantern's addition.
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
        query.search = try searchQuery(reader)
        if let cursor = try reader.string("cursor").map(KeysetCursorText.decode) {
            guard query.orderBy == "timestamp", query.direction == .descending else {
                throw APIError.badRequest("cursor: pages by cursor only in the default order (orderBy=timestamp.desc)")
            }
            query.after = TraceCursor(timestamp: cursor.time, id: cursor.id)
        }
        return query
    }

    /// `search` and its `searchType` values as Langfuse's traces table names them: `id` (the default: trace id,
    /// name, user and session id), `content` (those and input and output), `input`, `output`.
    static func searchQuery(_ reader: QueryReader) throws -> TraceSearch? {
        guard let text = reader.string("search"), !text.isEmpty else { return nil }
        var scopes: Set<TraceSearch.Scope> = []
        for type in reader.strings("searchType") {
            switch type {
            case "id": scopes.insert(.ids)
            case "content": scopes.formUnion([.ids, .input, .output])
            case "input": scopes.insert(.input)
            case "output": scopes.insert(.output)
            default: throw APIError.badRequest("searchType must be one of id, content, input, output (got \(type))")
            }
        }
        return TraceSearch(text: text, scopes: scopes)
    }
}
