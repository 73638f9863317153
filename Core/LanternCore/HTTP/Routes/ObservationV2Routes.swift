import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/v2/observations`: observations newest first with keyset (cursor) pagination, so deep pages cost
/// what the first does, and field groups (`fields`, default `core,basic`).
struct ObservationV2Routes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/v2/observations") { request, context in
            let reader = QueryReader(request)
            if reader.string("parseIoAsJson") == "true" {
                throw APIError.badRequest("parseIoAsJson: is no longer supported; input and output are returned as raw strings")
            }
            var query = try ObservationRoutes.filters(reader)
            query.page = PageRequest(page: 1, limit: try reader.integer("limit", in: 1...1000) ?? 50)
            let fields = Set(reader.strings("fields").isEmpty ? ["core", "basic"] : reader.strings("fields") + ["core"])
            if let unknown = fields.subtracting(ObservationV2Presenter.groups).sorted().first {
                throw APIError.badRequest("fields: unknown field group '\(unknown)' (one of \(ObservationV2Presenter.groups.sorted().joined(separator: ", ")))")
            }
            let cursor = try reader.string("cursor").map(KeysetCursorText.decode).map { ObservationCursor(startTime: $0.time, id: $0.id) }
            let found = try await support.services.observations.list(try context.principal(), query: query, after: cursor,
                                                                     withTraces: !fields.isDisjoint(with: ["basic", "trace_context"]))
            let items = found.observations.items
            let presenter = ObservationV2Presenter(fields: fields, expandedMetadata: Set(reader.strings("expandMetadata")), traces: found.traces,
                                                   promptIDs: found.observations.promptIDs, models: support.runtime.models)
            let next: JSONValue = items.count == query.page.limit ? items.last.map { .string(KeysetCursorText.encode(time: $0.startTime, id: $0.id)) } ?? .null : .null
            return JSONResponse.make(.ok, ["data": .array(items.map(presenter.present)), "meta": ["cursor": next]])
        }
    }
}

/// The opaque cursor text of a keyset page (the v2 observations list, the traces list): base64 of
/// `<seconds since 2001>|<id>`.
enum KeysetCursorText {
    static func encode(time: Date, id: String) -> String {
        Data("\(time.timeIntervalSinceReferenceDate)|\(id)".utf8).base64EncodedString()
    }

    static func decode(_ text: String) throws -> (time: Date, id: String) {
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
              let bar = plain.firstIndex(of: "|"), let seconds = Double(plain[..<bar]), seconds.isFinite else {
            throw APIError.badRequest("cursor: not a cursor returned by this API")
        }
        return (Date(timeIntervalSinceReferenceDate: seconds), String(plain[plain.index(after: bar)...]))
    }
}
