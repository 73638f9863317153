import Foundation
import Hummingbird
import LanternPluginSDK

/// The metrics API: `GET /api/public/v2/metrics` and the legacy `GET /api/public/metrics` (a JSON query, contract
/// §8, aggregated by the storage's ``MetricsStore``), and the legacy `GET /api/public/metrics/daily`.
struct MetricsQueryRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/v2/metrics") { request, context in try await answer(request, context, api: .v2) }
        group.get("/metrics") { request, context in try await answer(request, context, api: .v1) }
        group.get("/metrics/daily") { request, context in
            let reader = QueryReader(request)
            let filters = DailyMetrics.Filters(traceName: reader.string("traceName"), userID: reader.string("userId"),
                                               tags: reader.strings("tags"), environments: reader.strings("environment"),
                                               from: try reader.date("fromTimestamp"), to: try reader.date("toTimestamp"))
            let days = try await support.services.metrics.daily(try context.principal(), filters)
            return JSONResponse.make(.ok, Presenters.page(Page(slicing: days, request: try reader.page())) { $0 })
        }
    }

    private func answer(_ request: Request, _ context: LanternRequestContext, api: MetricsAPIVersion) async throws -> Response {
        let rows = try await support.services.metrics.query(try context.principal(), text: QueryReader(request).string("query"), api: api)
        return JSONResponse.make(.ok, ["data": .array(rows.map { .object($0) })])
    }
}
