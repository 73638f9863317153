import Foundation
import LanternPluginSDK

/// Scores: created through the ingestion pipeline (telemetry, like the batch API, so not audited one by one),
/// listed with their traces, read and deleted.
struct ScoreService: Sendable {
    let kernel: KernelServices

    /// Stores scores through the pipeline; one outcome per score, in order.
    func create(_ principal: Principal, _ scores: [Score], at now: Date) async throws -> [EventOutcome] {
        try kernel.authorize(principal, .scoresWrite)
        let events = scores.map { IngestionEvent(id: "score-\($0.id)", timestamp: now, payload: .score($0)) }
        return try await kernel.runtime.pipeline.accept(events, projectID: principal.projectID)
    }

    func list(_ principal: Principal, query: ScoreQuery) async throws -> Page<Score> {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.storage().scores(projectID: principal.projectID, query: query)
    }

    /// The scores of a page with the traces they point at (by id), for the v2 answer's `trace` object.
    func listWithTraces(_ principal: Principal, query: ScoreQuery) async throws -> (page: Page<Score>, traces: [String: Trace]) {
        try kernel.authorize(principal, .projectRead)
        let page = try await list(principal, query: query)
        return (page, try await traces(of: page.items, principal))
    }

    func get(_ principal: Principal, id: String) async throws -> (score: Score, traces: [String: Trace]) {
        try kernel.authorize(principal, .projectRead)
        guard let score = try await kernel.storage().score(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Score not found: \(id)")
        }
        return (score, try await traces(of: [score], principal))
    }

    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .scoresWrite)
        let storage = try kernel.storage()
        let before = try await storage.score(projectID: principal.projectID, id: id)
        guard try await storage.deleteScore(projectID: principal.projectID, id: id) else { throw APIError.notFound("Score not found: \(id)") }
        kernel.audit.record(principal, "score", id, "deleted", before: before.map(Presenters.score))
    }

    /// Every score matching `query`, read page by page (no silent cap).
    static func all(matching query: ScoreQuery, projectID: String, storage: any StorageBackend) async throws -> [Score] {
        try await AllPages.read { page in
            var query = query
            query.page = page
            return try await storage.scores(projectID: projectID, query: query)
        }
    }

    private func traces(of scores: [Score], _ principal: Principal) async throws -> [String: Trace] {
        let storage = try kernel.storage()
        var traces: [String: Trace] = [:]
        for traceID in Set(scores.compactMap(\.traceID)) {
            if let summary = try await storage.trace(projectID: principal.projectID, id: traceID) { traces[traceID] = summary.trace }
        }
        return traces
    }
}
