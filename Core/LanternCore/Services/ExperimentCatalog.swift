import Foundation
import LanternPluginSDK

/// Dataset runs seen as experiments (`GET /api/public/experiments`, `/experiment-items`): each run with the run
/// items created in a time range, newest activity first.
struct ExperimentCatalog {
    /// One run with its items in the range.
    struct Experiment {
        let run: DatasetRun
        let items: [DatasetRunItem]
        var startTime: Date { items.map(\.createdAt).min() ?? run.createdAt }
        var endTime: Date { items.map(\.createdAt).max() ?? run.createdAt }
    }

    let projectID: String
    let storage: any StorageBackend

    /// Every run with at least one item created in `from ..< to`, latest activity first (ties by id).
    func experiments(from: Date, to: Date?) async throws -> [Experiment] {
        var experiments: [Experiment] = []
        for dataset in try await AllPages.read(pageSize: 100, { try await storage.datasets(projectID: projectID, page: $0) }) {
            for run in try await AllPages.read(pageSize: 100, { try await storage.datasetRuns(projectID: projectID, datasetID: dataset.id, page: $0) }) {
                let items = try await storage.datasetRunItems(projectID: projectID, runID: run.id).filter { item in
                    item.createdAt >= from && (to.map { item.createdAt < $0 } ?? true)
                }
                if !items.isEmpty { experiments.append(Experiment(run: run, items: items)) }
            }
        }
        return experiments.sorted { ($0.endTime, $0.run.id) > ($1.endTime, $1.run.id) }
    }
}
