import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/health` (with `detail=true`: the ingestion write path's counters) and `/api/public/ready`: no auth.
struct HealthRoutes {
    static let version = "0.1.0"
    let support: RouteSupport

    func register(on router: Router<LanternRequestContext>) {
        router.get("/api/public/health") { request, _ in
            if QueryReader(request).string("failIfDatabaseUnavailable") == "true" {
                do { try await support.services.projects.probeStorage() } catch {
                    return JSONResponse.make(.serviceUnavailable, ["status": "Database not available", "version": .string(Self.version)])
                }
            }
            var body: [String: JSONValue] = ["status": "OK", "version": .string(Self.version)]
            if QueryReader(request).string("detail") == "true" {
                body["ingestion"] = Self.ingestionDetail(support.runtime.pipeline.stats)
            }
            return JSONResponse.make(.ok, .object(body))
        }
        router.get("/api/public/ready") { _, _ in
            JSONResponse.make(.ok, ["status": "OK"])
        }
    }

    /// The write path's counters as JSON.
    static func ingestionDetail(_ stats: IngestionStatsSnapshot) -> JSONValue {
        var detail: [String: JSONValue] = [
            "queuedRequests": .number(Double(stats.queuedRequests)),
            "queuedEvents": .number(Double(stats.queuedEvents)),
            "queueCapacityEvents": .number(Double(stats.capacityEvents)),
            "commits": .number(Double(stats.commits)),
            "failedCommits": .number(Double(stats.failedCommits)),
            "eventsCommitted": .number(Double(stats.eventsCommitted)),
            "rejectedAtCapacity": .number(Double(stats.rejectedAtCapacity)),
            "lastCommitMs": .number(stats.lastCommitSeconds * 1000),
            "maxCommitMs": .number(stats.maxCommitSeconds * 1000),
            "lastCommitAt": .null,
        ]
        if let last = stats.lastCommitAt { detail["lastCommitAt"] = .string(ISO8601Timestamp.format(last)) }
        return .object(detail)
    }
}
