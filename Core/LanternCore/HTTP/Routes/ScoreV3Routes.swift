import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/v3/scores` (what the Python SDK's `api.scores.get_many` calls): scores newest first with a typed
/// `value`, core fields plus the requested groups (`details`, `subject`, `annotation`), and an opaque base64url
/// cursor. Filters that take comma-separated lists serve one value, except `id`, `environment` and `observationId`.
struct ScoreV3Routes {
    let support: RouteSupport
    static let groups: Set<String> = ["details", "subject", "annotation"]

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/v3/scores") { request, context in
            let principal = try context.principal()
            let reader = QueryReader(request)
            let fields = Set(reader.strings("fields"))
            if let unknown = fields.subtracting(Self.groups).sorted().first {
                throw APIError.badRequest("fields: unknown field group '\(unknown)' (one of details, subject, annotation)")
            }
            var query = try Self.query(reader)
            query.page = PageRequest(page: try reader.string("cursor").map(Self.page(ofCursor:)) ?? 1,
                                     limit: try reader.integer("limit", in: 1...100) ?? 50)
            let page = try await support.services.scores.list(principal, query: query)
            let more = page.request.page * page.request.limit < page.totalItems
            var meta: [String: JSONValue] = ["limit": .number(Double(page.request.limit))]
            if more { meta["cursor"] = .string(Self.cursor(page: page.request.page + 1)) }
            return JSONResponse.make(.ok, ["data": .array(page.items.map { Self.present($0, fields: fields) }), "meta": .object(meta)])
        }
    }

    /// The filters of the request.
    private static func query(_ reader: QueryReader) throws -> ScoreQuery {
        func single(_ name: String) throws -> String? {
            let values = reader.strings(name)
            guard values.count <= 1 else { throw APIError.badRequest("\(name): this server filters by one value of \(name) at a time") }
            return values.first
        }
        var query = ScoreQuery()
        query.scoreIDs = reader.strings("id")
        query.name = try single("name")
        query.source = try single("source").map { try Self.member($0.uppercased(), of: ScoreSource.all.map(\.rawValue), "source") }
            .map(ScoreSource.init(rawValue:))
        query.dataType = try single("dataType").map { try Self.member($0.uppercased(), of: ScoreDataType.all.map(\.rawValue), "dataType") }
            .map(ScoreDataType.init(rawValue:))
        query.environments = reader.strings("environment")
        query.configID = try single("configId")
        query.queueID = try single("queueId")
        if reader.string("authorUserId") != nil { throw APIError.badRequest("authorUserId: filtering by author is not served by this server") }
        query.traceID = try single("traceId")
        query.sessionID = try single("sessionId")
        query.datasetRunID = try single("experimentId")
        query.observationIDs = reader.strings("observationId")
        if !query.observationIDs.isEmpty, query.traceID == nil { throw APIError.badRequest("observationId: requires traceId") }
        if [query.traceID, query.sessionID, query.datasetRunID].compactMap({ $0 }).count > 1 {
            throw APIError.badRequest("traceId, sessionId and experimentId are mutually exclusive")
        }
        query.fromTimestamp = try reader.date("fromTimestamp")
        query.toTimestamp = try reader.date("toTimestamp")
        try valueFilter(reader, into: &query)
        return query
    }

    /// `value` (one exact value of a single NUMERIC/BOOLEAN dataType), or one of `valueMin` / `valueMax` (NUMERIC).
    private static func valueFilter(_ reader: QueryReader, into query: inout ScoreQuery) throws {
        let exact = reader.string("value"), low = reader.string("valueMin"), high = reader.string("valueMax")
        guard exact != nil || low != nil || high != nil else { return }
        if [exact, low, high].compactMap({ $0 }).count > 1 { throw APIError.badRequest("value, valueMin, valueMax: this server serves one of them at a time") }
        if let exact {
            guard query.dataType == .numeric || query.dataType == .boolean else {
                throw APIError.badRequest("value: requires dataType NUMERIC or BOOLEAN (a single one)")
            }
            let number = query.dataType == .boolean ? (exact == "true" ? 1 : exact == "false" ? 0 : nil) : Double(exact)
            guard let number, number.isFinite else { throw APIError.badRequest("value: not a value of \(query.dataType?.rawValue ?? "")") }
            (query.comparison, query.value) = (.equal, number)
            return
        }
        guard query.dataType == .numeric else { throw APIError.badRequest("valueMin/valueMax: require dataType=NUMERIC") }
        guard let number = Double(low ?? high ?? ""), number.isFinite else { throw APIError.badRequest("valueMin/valueMax: must be a number") }
        (query.comparison, query.value) = (low != nil ? .greaterOrEqual : .lessOrEqual, number)
    }

    private static func member(_ value: String, of allowed: [String], _ name: String) throws -> String {
        guard allowed.contains(value) else { throw APIError.badRequest("\(name): must be one of \(allowed.joined(separator: ", ")) (got \(value))") }
        return value
    }

    /// A `ScoreV3`: typed value, core fields and the requested groups.
    static func present(_ score: Score, fields: Set<String>) -> JSONValue {
        let value: JSONValue = switch score.dataType {
        case .numeric: Presenters.number(score.value)
        case .boolean: .bool(score.value == 1)
        default: Presenters.string(score.stringValue)
        }
        var object: [String: JSONValue] = [
            "id": .string(score.id), "projectId": .string(score.projectID), "name": .string(score.name), "value": value,
            "dataType": .string(score.dataType.rawValue), "source": .string(score.source.rawValue), "timestamp": Presenters.date(score.timestamp),
            "environment": .string(score.environment), "createdAt": Presenters.date(score.createdAt), "updatedAt": Presenters.date(score.updatedAt),
        ]
        if fields.contains("details") {
            object.merge(["comment": Presenters.string(score.comment), "configId": Presenters.string(score.configID),
                          "metadata": .object(score.metadata)]) { $1 }
        }
        if fields.contains("annotation") {
            object.merge(["authorUserId": Presenters.string(score.authorUserID), "queueId": Presenters.string(score.queueID)]) { $1 }
        }
        if fields.contains("subject") { object["subject"] = subject(of: score) }
        return .object(object)
    }

    private static func subject(of score: Score) -> JSONValue {
        if let observationID = score.observationID {
            return ["kind": "observation", "id": .string(observationID), "traceId": Presenters.string(score.traceID)]
        }
        if let traceID = score.traceID { return ["kind": "trace", "id": .string(traceID)] }
        if let sessionID = score.sessionID { return ["kind": "session", "id": .string(sessionID)] }
        return ["kind": "experiment", "id": Presenters.string(score.datasetRunID)]
    }

    /// The cursor of a page: base64url of `page:<n>`.
    static func cursor(page: Int) -> String {
        Data("page:\(page)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The page number a cursor names; 400 for anything this server did not hand out.
    static func page(ofCursor text: String) throws -> Int {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8), plain.hasPrefix("page:"),
              let page = Int(plain.dropFirst(5)), (2...1_000_000).contains(page) else {
            throw APIError.badRequest("cursor: not a cursor returned by this API")
        }
        return page
    }
}
