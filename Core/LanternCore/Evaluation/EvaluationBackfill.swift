import Foundation
import LanternPluginSDK

/// How far one rule's back-fill got.
struct BackfillProgress: Sendable {
    var ruleID: String
    var from: Date
    var to: Date
    /// Targets in the range (at most ``EvaluationBackfills/limit`` are taken).
    var total: Int
    var scanned = 0
    /// Executions stored (sampled-out ones included, as logged); targets already evaluated are not counted again.
    var enqueued = 0
    var startedAt: Date
    var finishedAt: Date?
    var error: String?

    var json: JSONValue {
        ["ruleId": .string(ruleID), "from": Presenters.date(from), "to": Presenters.date(to), "total": .number(Double(total)),
         "scanned": .number(Double(scanned)), "enqueued": .number(Double(enqueued)),
         "status": .string(error != nil ? "error" : finishedAt == nil ? "running" : "completed"),
         "error": Presenters.string(error), "startedAt": Presenters.date(startedAt), "finishedAt": Presenters.date(finishedAt)]
    }
}

/// Back-fills rules over past data: the observations (or traces) that started in a time range become candidates as
/// if just ingested, newest first, through the same sampling and de-duplication; one back-fill per rule at a time.
/// Progress is kept by the server that runs it.
final class EvaluationBackfills: Sendable {
    /// The most targets one back-fill takes (Langfuse's limit for its batch evaluation).
    static let limit = 50_000
    static let pageSize = 500

    private let runs = LockedValue<[String: BackfillProgress]>([:])

    /// The progress of the rule's latest back-fill on this server.
    func progress(projectID: String, ruleID: String) -> BackfillProgress? { runs.withLock { $0["\(projectID)/\(ruleID)"] } }

    /// Starts a back-fill of `rule` over `from..<to`; 409 while one runs for the rule.
    func start(_ rule: EvaluationRule, from: Date, to: Date, storage: any StorageBackend, store: any EvaluationStore,
               settleSeconds: Double) async throws -> BackfillProgress {
        let key = "\(rule.projectID)/\(rule.id)"
        let total = try await Self.count(rule, from: from, to: to, storage: storage)
        let progress = BackfillProgress(ruleID: rule.id, from: from, to: to, total: min(total, Self.limit), startedAt: Date())
        let claimed = runs.withLock { runs -> Bool in
            if let running = runs[key], running.finishedAt == nil { return false }
            runs[key] = progress
            return true
        }
        guard claimed else { throw APIError.evaluation(.conflict, "conflict", "A back-fill of this rule is running; GET its progress") }
        Task {
            do {
                try await run(rule, key: key, from: from, to: to, storage: storage, store: store, candidates: EvaluationCandidates(settleSeconds: settleSeconds))
            } catch {
                runs.withLock { $0[key]?.error = "\(error)" }
            }
            runs.withLock { $0[key]?.finishedAt = Date() }
        }
        return progress
    }

    private static func count(_ rule: EvaluationRule, from: Date, to: Date, storage: any StorageBackend) async throws -> Int {
        switch rule.target {
        case "observation":
            return try await storage.observations(projectID: rule.projectID, query: observations(from: from, to: to, page: 1, limit: 1)).totalItems
        case "trace":
            return try await storage.traces(projectID: rule.projectID, query: traces(from: from, to: to, page: 1, limit: 1)).totalItems
        default:
            throw APIError.evaluation(.badRequest, "invalid_request", "Back-fill covers observation and trace rules; experiment rules judge new runs")
        }
    }

    private static func observations(from: Date, to: Date, page: Int, limit: Int) -> ObservationQuery {
        var query = ObservationQuery()
        query.fromStartTime = from
        query.toStartTime = to
        query.page = PageRequest(page: page, limit: limit)
        return query
    }

    private static func traces(from: Date, to: Date, page: Int, limit: Int) -> TraceQuery {
        var query = TraceQuery()
        query.fromTimestamp = from
        query.toTimestamp = to
        query.page = PageRequest(page: page, limit: limit)
        return query
    }

    private func run(_ rule: EvaluationRule, key: String, from: Date, to: Date, storage: any StorageBackend, store: any EvaluationStore,
                     candidates: EvaluationCandidates) async throws {
        var scanned = 0
        var cursor: ObservationCursor?
        var page = 1
        while scanned < Self.limit {
            let payloads: [IngestionEvent.Payload]
            if rule.target == "observation" {
                let query = Self.observations(from: from, to: to, page: 1, limit: Self.pageSize)
                let observations = try await storage.observations(projectID: rule.projectID, query: query, after: cursor)
                cursor = observations.last.map(ObservationCursor.init(after:))
                payloads = observations.map { observation in
                    var update = ObservationUpdate(id: observation.id, type: observation.type)
                    update.traceID = observation.traceID
                    update.environment = observation.environment
                    return .observation(update)
                }
            } else {
                let query = Self.traces(from: from, to: to, page: page, limit: Self.pageSize)
                page += 1
                payloads = try await storage.traces(projectID: rule.projectID, query: query).items.map { summary in
                    var update = TraceUpdate(id: summary.trace.id)
                    update.environment = summary.trace.environment
                    return .trace(update)
                }
            }
            guard !payloads.isEmpty else { return }
            let taken = Array(payloads.prefix(Self.limit - scanned))
            let now = Date()
            let batch = CommittedBatch(projectID: rule.projectID, events: taken.map { IngestionEvent(id: "backfill", timestamp: now, payload: $0) })
            let stored = try await store.enqueueExecutions(candidates.executions(for: batch, rules: [rule], now: now))
            scanned += taken.count
            runs.withLock {
                $0[key]?.scanned = scanned
                $0[key]?.enqueued += stored
            }
        }
    }
}
