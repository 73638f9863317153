import Foundation
import LanternPluginSDK

/// Telemetry ingestion through the pipeline (batch API events). Telemetry is not audited event by event: its
/// volume is the point of the system, and every event is durable and readable instead.
struct IngestionService: Sendable {
    let kernel: KernelServices

    /// Stores decoded events; one outcome per event, in order, once storage committed them.
    func accept(_ principal: Principal, _ events: [IngestionEvent]) async throws -> [EventOutcome] {
        try kernel.authorize(principal, .ingest)
        return try await kernel.runtime.pipeline.accept(events, projectID: principal.projectID)
    }
}
