import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/audit-logs` (organization owners and admins): the organization's audit records in append order,
/// filtered by `actor`, `action`, `resourceType`, `resourceId`, `projectId`, `fromTimestamp`, `toTimestamp`, paged by
/// `cursor` (the last sequence seen, `meta.cursor`) and `limit`; `format=jsonl` streams every match as JSON lines.
struct AuditLogRoutes {
    let support: RouteSupport
    /// Records per JSON page, and per read of a JSON-lines export.
    static let maxLimit = 1000

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/audit-logs", use: list)
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let reader = try QueryReader(request)
        var query = AuditLogQuery(actor: reader.string("actor"), action: reader.string("action"), resourceType: reader.string("resourceType"),
                                  resourceID: reader.string("resourceId"), from: try reader.date("fromTimestamp"), to: try reader.date("toTimestamp"),
                                  afterSequence: try reader.integer("cursor", in: 0...Int.max) ?? 0,
                                  limit: try reader.integer("limit", in: 1...Self.maxLimit) ?? 100)
        if let project = reader.string("projectId") { query.projectIDs = [project] }
        let service = support.services.auditLogs
        guard reader.string("format") == "jsonl" else {
            let records = try await service.records(caller, query)
            return JSONResponse.make(.ok, ["data": .array(records.map(Self.present)),
                                           "meta": ["cursor": records.last.map { .string(String($0.sequence)) } ?? .null]])
        }
        query.limit = Self.maxLimit
        var lines = ""
        while true {
            let page = try await service.records(caller, query)
            lines += page.map { Self.present($0).jsonText + "\n" }.joined()
            guard let last = page.last, page.count == query.limit else { break }
            query.afterSequence = last.sequence
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"audit-log.jsonl\""],
                        body: .init(byteBuffer: ByteBuffer(string: lines)))
    }

    /// One record as the API shows it.
    static func present(_ record: AuditRecord) -> JSONValue {
        let event = record.event
        return ["sequence": .number(Double(record.sequence)), "timestamp": Presenters.date(event.timestamp), "actor": .string(event.actor),
                "action": .string(event.action), "resourceType": .string(event.resourceType), "resourceId": .string(event.resourceID),
                "organizationId": Presenters.string(event.organizationID), "projectId": Presenters.string(event.projectID),
                "requestId": Presenters.string(event.requestID), "clientAddress": Presenters.string(event.clientAddress),
                "userAgent": Presenters.string(event.userAgent), "before": event.before ?? .null, "after": event.after ?? .null,
                "previousHash": .string(record.previousHash), "hash": .string(record.hash)]
    }
}
