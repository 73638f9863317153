import Foundation
import LanternPluginSDK

/// Traces: list, read one with its observations and scores, delete.
struct TraceService: Sendable {
    let kernel: KernelServices

    /// One trace with everything a full trace answer shows.
    struct Detail: Sendable {
        let summary: TraceSummary
        let observations: [Observation]
        let scores: [Score]
        let promptIDs: PromptIDs
    }

    func list(_ principal: Principal, query: TraceQuery) async throws -> Page<TraceSummary> {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.storage().traces(projectID: principal.projectID, query: query)
    }

    /// One trace with its observations and scores; either list is left empty (not read) when not wanted.
    func detail(_ principal: Principal, id: String, observations wantObservations: Bool = true, scores wantScores: Bool = true)
        async throws -> Detail {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        let projectID = principal.projectID
        guard let summary = try await storage.trace(projectID: projectID, id: id) else {
            throw APIError.notFound("Trace not found within authorized project")
        }
        async let observations = wantObservations ? storage.observations(projectID: projectID, traceIDs: [id]) : []
        async let scores = wantScores ? storage.scores(projectID: projectID, traceIDs: [id]) : []
        let loaded = try await observations
        let promptIDs = try await PromptIDs.resolve(loaded, projectID: projectID, storage: storage)
        return Detail(summary: summary, observations: loaded, scores: try await scores, promptIDs: promptIDs)
    }

    /// Deletes one trace with its observations and scores; 404 when the project has no such trace.
    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .tracesDelete)
        let deleted = try await kernel.storage().deleteTraces(projectID: principal.projectID, ids: [id])
        guard deleted > 0 else { throw APIError.notFound("Trace not found within authorized project") }
        kernel.audit.record(principal, "trace", id, "deleted")
    }

    /// Deletes the traces among `ids` that exist; one audit event names them all.
    func delete(_ principal: Principal, ids: [String]) async throws {
        try kernel.authorize(principal, .tracesDelete)
        guard !ids.isEmpty else { throw APIError.badRequest("traceIds: expected a non-empty list of trace ids") }
        let deleted = try await kernel.storage().deleteTraces(projectID: principal.projectID, ids: ids)
        kernel.audit.record(principal, "trace", ids.joined(separator: ","), "deleted",
                            before: ["traceIds": .array(ids.map(JSONValue.string)), "deleted": .number(Double(deleted))])
    }
}
