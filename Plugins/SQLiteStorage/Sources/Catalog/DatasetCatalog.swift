import Foundation
import LanternPluginSDK

/// Datasets, items, runs and run items on one connection: writes (on the writer) and reads.
struct DatasetCatalog {
    let fetcher: RowFetcher

    /// Creates the dataset, or updates the one with the same name (keeping its id and `createdAt`); returns it as stored.
    func upsert(_ dataset: Dataset) throws -> Dataset {
        let connection = fetcher.connection
        return try connection.transaction(.immediate) {
            var stored = dataset
            if let existing = try named(projectID: dataset.projectID, name: dataset.name) {
                stored.id = existing.id
                stored.createdAt = existing.createdAt
            }
            try connection.run(DatasetTable.upsert, try DatasetTable.values(stored, json: fetcher.json))
            return stored
        }
    }

    /// Creates or replaces an item by id (keeping its `createdAt`) and records the new version; an item never
    /// moves to another dataset.
    func upsert(_ item: DatasetItem) throws -> DatasetItem {
        let connection = fetcher.connection
        return try connection.transaction(.immediate) {
            var stored = item
            if let existing = try fetcher.row(DatasetItemTable.self, projectID: item.projectID, id: item.id) {
                guard existing.datasetID == item.datasetID else {
                    throw StorageError.conflict("dataset item \(item.id) belongs to another dataset")
                }
                stored.createdAt = existing.createdAt
            }
            let values = try DatasetItemTable.values(stored, json: fetcher.json)
            try connection.run(DatasetItemTable.upsert, values)
            try connection.run(DatasetItemVersionTable.close, [.text(item.projectID), .text(item.id), .date(stored.updatedAt)])
            try connection.run(DatasetItemVersionTable.open, values + [.date(stored.updatedAt)])
            return stored
        }
    }

    /// Deletes an item, closing its current version at `time`; false when it did not exist.
    func deleteItem(projectID: String, id: String, at time: Date) throws -> Bool {
        let connection = fetcher.connection
        return try connection.transaction(.immediate) {
            try connection.run(DatasetItemVersionTable.close, [.text(projectID), .text(id), .date(time)])
            return try connection.run("DELETE FROM dataset_items WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0
        }
    }

    /// Saves one run item inside the caller's transaction, creating its run on first use (with the update's
    /// `runID`, else a random id; a later description or metadata updates the run). Returns why it cannot be saved (its dataset does not exist), or nil.
    func save(_ update: DatasetRunItemUpdate, projectID: String, now: Date) throws -> String? {
        let connection = fetcher.connection
        guard try fetcher.row(DatasetTable.self, projectID: projectID, id: update.datasetID) != nil else {
            return "dataset \(update.datasetID) not found"
        }
        let existingRun = try self.run(projectID: projectID, datasetID: update.datasetID, name: update.runName)
        var run = existingRun
            ?? DatasetRun(id: update.runID ?? UUID().uuidString.lowercased(), projectID: projectID, datasetID: update.datasetID, name: update.runName, createdAt: now)
        if existingRun == nil || update.runDescription != nil || update.runMetadata != nil {
            run.description = update.runDescription ?? run.description
            run.metadata = update.runMetadata ?? run.metadata
            run.updatedAt = now
            try connection.run(DatasetRunTable.upsert, try DatasetRunTable.values(run, json: fetcher.json))
        }
        let stored = try fetcher.row(DatasetRunItemTable.self, projectID: projectID, id: update.id)
        let item = DatasetRunItem(id: update.id, projectID: projectID, datasetRunID: stored?.datasetRunID ?? run.id,
                                  datasetItemID: stored?.datasetItemID ?? update.datasetItemID, traceID: update.traceID,
                                  observationID: update.observationID, createdAt: stored?.createdAt ?? now)
        try connection.run(DatasetRunItemTable.upsert, try DatasetRunItemTable.values(item, json: fetcher.json))
        return nil
    }

    /// The dataset with this name, or nil.
    func named(projectID: String, name: String) throws -> Dataset? {
        try fetcher.fetch(DatasetTable.self, "SELECT \(DatasetTable.selectList) FROM datasets WHERE project_id = ? AND name = ?",
                          [.text(projectID), .text(name)]).first
    }

    /// A page of datasets, newest first.
    func datasets(projectID: String, page: PageRequest) throws -> Page<Dataset> {
        try fetcher.page(DatasetTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page)
    }

    /// A page of the items matching `query`, oldest first: the current items, or the versions valid at `query.asOf`.
    func items(projectID: String, query: DatasetItemQuery, page: PageRequest) throws -> Page<DatasetItem> {
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
    func runs(projectID: String, datasetID: String, page: PageRequest) throws -> Page<DatasetRun> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("dataset_id", datasetID)
        return try fetcher.page(DatasetRunTable.self, where: filter, orderBy: "created_at DESC, id DESC", request: page)
    }

    /// The run with this name in a dataset, or nil.
    func run(projectID: String, datasetID: String, name: String) throws -> DatasetRun? {
        try fetcher.fetch(DatasetRunTable.self, "SELECT \(DatasetRunTable.selectList) FROM dataset_runs WHERE project_id = ? AND dataset_id = ? AND name = ?",
                          [.text(projectID), .text(datasetID), .text(name)]).first
    }

    /// Every item of a run, oldest first.
    func runItems(projectID: String, runID: String) throws -> [DatasetRunItem] {
        try fetcher.fetch(DatasetRunItemTable.self, """
            SELECT \(DatasetRunItemTable.selectList) FROM dataset_run_items WHERE project_id = ? AND dataset_run_id = ? ORDER BY created_at, id
            """, [.text(projectID), .text(runID)])
    }
}
