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

    func query(_ principal: Principal, _ query: MetricsQuery) async throws -> [MetricsRow] {
        try await store().metrics(projectID: principal.projectID, query: query)
    }

    func daily(_ principal: Principal, _ filters: DailyMetrics.Filters) async throws -> [JSONValue] {
        try await DailyMetrics(store: try store(), projectID: principal.projectID).days(filters)
    }
}
