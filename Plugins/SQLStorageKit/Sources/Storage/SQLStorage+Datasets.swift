import Foundation
import LanternPluginSDK

extension SQLStorage {
    /// Creates the dataset, or updates the one with the same name; returns it as stored.
    public func upsertDataset(_ dataset: Dataset) async throws -> Dataset {
        try await write { try DatasetCatalog(fetcher: $0).upsert(dataset) }
    }

    /// The dataset with this name, or nil.
    public func dataset(projectID: String, name: String) async throws -> Dataset? {
        try await read { try DatasetCatalog(fetcher: $0).named(projectID: projectID, name: name) }
    }

    /// The dataset with this id, or nil.
    public func dataset(projectID: String, id: String) async throws -> Dataset? {
        try await read { try $0.row(DatasetTable.self, projectID: projectID, id: id) }
    }

    /// A page of datasets, newest first.
    public func datasets(projectID: String, page: PageRequest) async throws -> Page<Dataset> {
        try await read { try DatasetCatalog(fetcher: $0).datasets(projectID: projectID, page: page) }
    }

    /// The item with this id, or nil.
    public func datasetItem(projectID: String, id: String) async throws -> DatasetItem? {
        try await read { try $0.row(DatasetItemTable.self, projectID: projectID, id: id) }
    }

    /// A page of items of one dataset (all datasets when nil), oldest first.
    public func datasetItems(projectID: String, datasetID: String?, page: PageRequest) async throws -> Page<DatasetItem> {
        try await datasetItems(projectID: projectID, query: DatasetItemQuery(datasetID: datasetID), page: page)
    }

    /// A page of the items matching `query` (source trace/observation, point in time), oldest first.
    public func datasetItems(projectID: String, query: DatasetItemQuery, page: PageRequest) async throws -> Page<DatasetItem> {
        try await read { try DatasetCatalog(fetcher: $0).items(projectID: projectID, query: query, page: page) }
    }

    /// A page of runs of one dataset, newest first.
    public func datasetRuns(projectID: String, datasetID: String, page: PageRequest) async throws -> Page<DatasetRun> {
        try await read { try DatasetCatalog(fetcher: $0).runs(projectID: projectID, datasetID: datasetID, page: page) }
    }

    /// The run with this name in a dataset, or nil.
    public func datasetRun(projectID: String, datasetID: String, name: String) async throws -> DatasetRun? {
        try await read { try DatasetCatalog(fetcher: $0).run(projectID: projectID, datasetID: datasetID, name: name) }
    }

    /// Every item of a run, oldest first.
    public func datasetRunItems(projectID: String, runID: String) async throws -> [DatasetRunItem] {
        try await read { try DatasetCatalog(fetcher: $0).runItems(projectID: projectID, runID: runID) }
    }

    /// Deletes a run with its run items (one transaction); false when it did not exist.
    public func deleteDatasetRun(projectID: String, runID: String) async throws -> Bool {
        try await write { fetcher in
            try fetcher.connection.atomically {
                let scope: [SQLValue] = [.text(projectID), .text(runID)]
                try fetcher.connection.run("DELETE FROM dataset_run_items WHERE project_id = ? AND dataset_run_id = ?", scope)
                return try fetcher.connection.run("DELETE FROM dataset_runs WHERE project_id = ? AND id = ?", scope) > 0
            }
        }
    }

    /// Deletes a dataset item (its earlier versions stay readable by time); false when it did not exist.
    public func deleteDatasetItem(projectID: String, id: String) async throws -> Bool {
        try await write { try DatasetCatalog(fetcher: $0).deleteItem(projectID: projectID, id: id, at: Date()) }
    }
}
