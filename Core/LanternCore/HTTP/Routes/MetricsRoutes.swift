import Foundation
import Hummingbird

/// `GET /metrics`: the ingestion write path's counters and the plugins' own, in the Prometheus text format (no auth,
/// counts only).
struct MetricsRoutes {
    let support: RouteSupport

    func register(on router: Router<LanternRequestContext>) {
        router.get("/metrics") { _, _ in
            let text = Self.exposition(support.runtime.pipeline.stats) + support.runtime.pluginCounters.exposition()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// The Prometheus exposition of `stats`.
    static func exposition(_ stats: IngestionStatsSnapshot) -> String {
        let series: [(name: String, type: String, help: String, value: Double)] = [
            ("lantern_ingestion_queued_requests", "gauge", "Ingestion requests waiting for the storage writer", Double(stats.queuedRequests)),
            ("lantern_ingestion_queued_events", "gauge", "Events queued or being committed", Double(stats.queuedEvents)),
            ("lantern_ingestion_queue_capacity_events", "gauge", "Events the queue holds before answering 503", Double(stats.capacityEvents)),
            ("lantern_ingestion_commits_total", "counter", "Storage transactions committed", Double(stats.commits)),
            ("lantern_ingestion_failed_commits_total", "counter", "Storage writes that failed as a whole", Double(stats.failedCommits)),
            ("lantern_ingestion_events_committed_total", "counter", "Events in committed transactions", Double(stats.eventsCommitted)),
            ("lantern_ingestion_rejected_at_capacity_total", "counter", "Requests refused with 503 because the queue was full",
             Double(stats.rejectedAtCapacity)),
            ("lantern_ingestion_commit_seconds_sum", "counter", "Total time spent in storage writes", stats.commitSecondsSum),
            ("lantern_ingestion_last_commit_seconds", "gauge", "Duration of the last storage write", stats.lastCommitSeconds),
            ("lantern_ingestion_max_commit_seconds", "gauge", "Longest storage write so far", stats.maxCommitSeconds),
            ("lantern_ingestion_last_commit_timestamp_seconds", "gauge", "Unix time of the last storage write",
             stats.lastCommitAt?.timeIntervalSince1970 ?? 0),
        ]
        return series.map { "# HELP \($0.name) \($0.help)\n# TYPE \($0.name) \($0.type)\n\($0.name) \(format($0.value))\n" }.joined()
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
