import Foundation
import LanternPluginSDK

/// Dataset runs seen as experiments, and what one experiment item shows.
struct ExperimentService: Sendable {
    let kernel: KernelServices

    /// What an experiment item answer shows beside the run item.
    struct ItemDetail: Sendable {
        let trace: TraceSummary?
        let datasetItem: DatasetItem?
        /// The item's observation, or its trace's root observation.
        let root: Observation?
        let scores: [Score]
    }

    /// Every run with items created in `from ..< to`, latest activity first.
    func experiments(_ principal: Principal, from: Date, to: Date?) async throws -> [ExperimentCatalog.Experiment] {
        try kernel.authorize(principal, .projectRead)
        return try await ExperimentCatalog(projectID: principal.projectID, storage: try kernel.storage()).experiments(from: from, to: to)
    }

    func runScores(_ principal: Principal, of run: DatasetRun) async throws -> [Score] {
        try kernel.authorize(principal, .projectRead)
        return try await RunResults(projectID: principal.projectID, storage: try kernel.storage()).runScores(of: run)
    }

    func itemDetail(_ principal: Principal, _ item: DatasetRunItem, withScores: Bool) async throws -> ItemDetail {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        let projectID = principal.projectID
        let trace = try await storage.trace(projectID: projectID, id: item.traceID)
        let datasetItem = try await storage.datasetItem(projectID: projectID, id: item.datasetItemID)
        let root = try await storage.observations(projectID: projectID, traceIDs: [item.traceID])
            .first { $0.id == item.observationID || (item.observationID == nil && $0.parentObservationID == nil) }
        let scores = withScores ? try await storage.scores(projectID: projectID, traceIDs: [item.traceID]) : []
        return ItemDetail(trace: trace, datasetItem: datasetItem, root: root, scores: scores)
    }
}
