import Foundation
import LanternPluginSDK

/// Observations: the paged list, the keyset (v2) list with the traces its field groups need, and one by id.
struct ObservationService: Sendable {
    let kernel: KernelServices

    /// Observations with the prompt ids their prompt name and version link to.
    struct Linked<Items: Sendable>: Sendable {
        let items: Items
        let promptIDs: PromptIDs
    }

    func list(_ principal: Principal, query: ObservationQuery) async throws -> Linked<Page<Observation>> {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        let page = try await storage.observations(projectID: principal.projectID, query: query)
        return Linked(items: page, promptIDs: try await PromptIDs.resolve(page.items, projectID: principal.projectID, storage: storage))
    }

    /// The v2 list: observations after `cursor`, with their traces when `withTraces`.
    func list(_ principal: Principal, query: ObservationQuery, after cursor: ObservationCursor?, withTraces: Bool)
        async throws -> (observations: Linked<[Observation]>, traces: [String: Trace]) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        let projectID = principal.projectID
        let items = try await storage.observations(projectID: projectID, query: query, after: cursor)
        var traces: [String: Trace] = [:]
        if withTraces {
            for traceID in Set(items.map(\.traceID)) { traces[traceID] = try await storage.trace(projectID: projectID, id: traceID)?.trace }
        }
        return (Linked(items: items, promptIDs: try await PromptIDs.resolve(items, projectID: projectID, storage: storage)), traces)
    }

    func get(_ principal: Principal, id: String) async throws -> Linked<Observation> {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let observation = try await storage.observation(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Observation not found within authorized project")
        }
        return Linked(items: observation, promptIDs: try await PromptIDs.resolve([observation], projectID: principal.projectID, storage: storage))
    }
}
