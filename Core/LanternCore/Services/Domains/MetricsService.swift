import Foundation
import LanternPluginSDK

/// Metrics queries (v1 and v2) and daily metrics, aggregated by the storage's ``MetricsStore``.
struct MetricsService: Sendable {
    let kernel: KernelServices

    private func store() throws -> any MetricsStore {
        guard let store = try kernel.storage() as? any MetricsStore else {
            throw APIError.notImplemented("The storage plugin does not answer metrics queries")
        }
        return store
    }

    /// Parses the `query` parameter as the `api` route reads it, checks it against the config's limits and runs it;
    /// 400 naming the part at fault.
    func query(_ principal: Principal, text: String?, api: MetricsAPIVersion) async throws -> [MetricsRow] {
        try kernel.authorize(principal, .projectRead)
        let query: MetricsQuery
        do throws(ValidationFailure) {
            query = try MetricsQueryParser.parse(text, api: api)
            try kernel.runtime.config.metrics.check(query)
        } catch {
            throw APIError.badRequest(error.message)
        }
        return try await store().metrics(projectID: principal.projectID, query: query)
    }

    func daily(_ principal: Principal, _ filters: DailyMetrics.Filters) async throws -> [JSONValue] {
        try kernel.authorize(principal, .projectRead)
        return try await DailyMetrics(store: try store(), projectID: principal.projectID).days(filters)
    }
}
