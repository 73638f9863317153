import Foundation
import LanternPluginSDK

/// Datasets, items, runs and run items: reads, and the writes both databases make alike (each plugin adds how it
/// stores items and run items).
package struct DatasetCatalog<Connection: SQLConnection> {
    /// The fetcher the catalog reads and writes with.
    package let fetcher: RowFetcher<Connection>

    /// Dataset reads and writes with `fetcher`.
    package init(fetcher: RowFetcher<Connection>) { self.fetcher = fetcher }

    /// Creates the dataset, or updates the one with the same name (keeping its id and `createdAt`); returns it as stored.
    /// Concurrent creators of one name take turns.
    package func upsert(_ dataset: Dataset) throws -> Dataset {
        let connection = fetcher.connection
        return try connection.serialized("dataset", [.text(dataset.projectID), .text(dataset.name)]) {
            var stored = dataset
            if let existing = try named(projectID: dataset.projectID, name: dataset.name) {
                stored.id = existing.id
                stored.createdAt = existing.createdAt
            }
            try connection.run(DatasetTable.upsert, try DatasetTable.values(stored, json: fetcher.json))
            return stored
        }
    }

    /// Deletes an item, closing its current version at `time`; false when it did not exist.
    package func deleteItem(projectID: String, id: String, at time: Date) throws -> Bool {
        let connection = fetcher.connection
        return try connection.atomically {
            try connection.run(DatasetItemVersionTable.close, [.date(time), .text(projectID), .text(id)])
            return try connection.run("DELETE FROM dataset_items WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0
        }
    }

    /// The dataset with this name, or nil.
    package func named(projectID: String, name: String) throws -> Dataset? {
        try fetcher.fetch(DatasetTable.self, "SELECT \(DatasetTable.selectList) FROM datasets WHERE project_id = ? AND name = ?",
                          [.text(projectID), .text(name)]).first
    }

    /// A page of datasets, newest first.
    package func datasets(projectID: String, page: PageRequest) throws -> Page<Dataset> {
        try fetcher.page(DatasetTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page)
    }

    /// A page of the items matching `query`, oldest first: the current items, or the versions valid at `query.asOf`.
    package func items(projectID: String, query: DatasetItemQuery, page: PageRequest) throws -> Page<DatasetItem> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("dataset_id", query.datasetID)
        filter.equal("source_trace_id", query.sourceTraceID)
        filter.equal("source_observation_id", query.sourceObservationID)
        guard let asOf = query.asOf else {
            return try fetcher.page(DatasetItemTable.self, where: filter, orderBy: "created_at, id", request: page)
        }
        filter.add("valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)", .date(asOf), .date(asOf))
        return try fetcher.page(DatasetItemVersionTable.self, where: filter, orderBy: "created_at, id", request: page)
    }

    /// A page of runs of one dataset, newest first.
    package func runs(projectID: String, datasetID: String, page: PageRequest) throws -> Page<DatasetRun> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("dataset_id", datasetID)
        return try fetcher.page(DatasetRunTable.self, where: filter, orderBy: "created_at DESC, id DESC", request: page)
    }

    /// The run with this name in a dataset, or nil.
    package func run(projectID: String, datasetID: String, name: String) throws -> DatasetRun? {
        try fetcher.fetch(DatasetRunTable.self, "SELECT \(DatasetRunTable.selectList) FROM dataset_runs WHERE project_id = ? AND dataset_id = ? AND name = ?",
                          [.text(projectID), .text(datasetID), .text(name)]).first
    }

    /// Every item of a run, oldest first.
    package func runItems(projectID: String, runID: String) throws -> [DatasetRunItem] {
        try fetcher.fetch(DatasetRunItemTable.self, """
            SELECT \(DatasetRunItemTable.selectList) FROM dataset_run_items WHERE project_id = ? AND dataset_run_id = ? ORDER BY created_at, id
            """, [.text(projectID), .text(runID)])
    }
}
