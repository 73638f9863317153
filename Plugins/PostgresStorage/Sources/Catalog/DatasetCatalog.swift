import Foundation
import LanternPluginSDK

/// Datasets, items, runs and run items: writes (inside the caller's write transaction) and reads.
struct DatasetCatalog {
    let fetcher: RowFetcher

    /// Creates the dataset, or updates the one with the same name (keeping its id and `createdAt`); returns it as stored.
    /// Holds the name's advisory lock, so concurrent creators of one name take turns.
    func upsert(_ dataset: Dataset) throws -> Dataset {
        try fetcher.connection.run("SELECT pg_advisory_xact_lock(hashtext($1), hashtext('dataset:' || $2))",
                                   [.text(dataset.projectID), .text(dataset.name)])
        var stored = dataset
        if let existing = try named(projectID: dataset.projectID, name: dataset.name) {
            stored.id = existing.id
            stored.createdAt = existing.createdAt
        }
        try fetcher.connection.run(DatasetTable.upsert, try DatasetTable.values(stored, json: fetcher.json))
        return stored
    }

    /// Creates or replaces an item by id (keeping its `createdAt`) and records the new version; an item never
    /// moves to another dataset.
    func upsert(_ item: DatasetItem) throws -> DatasetItem {
        let updates = DatasetItemTable.columns.filter { !["project_id", "id", "created_at"].contains($0) }
            .map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        let result = try fetcher.connection.query("""
            INSERT INTO dataset_items AS d (\(DatasetItemTable.selectList)) VALUES (\(DatasetItemTable.placeholders))
            ON CONFLICT (project_id, id) DO UPDATE SET \(updates) WHERE d.dataset_id = EXCLUDED.dataset_id
            RETURNING created_at
            """, try DatasetItemTable.values(item, json: fetcher.json))
        guard let createdAt = PGRow(result: result, index: 0).double(0) else {
            throw StorageError.conflict("dataset item \(item.id) belongs to another dataset")
        }
        var stored = item
        stored.createdAt = Date(storedSeconds: createdAt)
        try fetcher.connection.run(DatasetItemVersionTable.close, [.text(item.projectID), .text(item.id), .date(stored.updatedAt)])
        try fetcher.connection.run(DatasetItemVersionTable.open, try DatasetItemVersionTable.values(stored, json: fetcher.json) + [.date(stored.updatedAt)])
        return stored
    }

    /// Deletes an item, closing its current version at `time`; false when it did not exist.
    func deleteItem(projectID: String, id: String, at time: Date) throws -> Bool {
        try fetcher.connection.run(DatasetItemVersionTable.close, [.text(projectID), .text(id), .date(time)])
        return try fetcher.connection.run("DELETE FROM dataset_items WHERE project_id = $1 AND id = $2", [.text(projectID), .text(id)]) > 0
    }

    /// Saves one run item inside the caller's transaction, creating its run on first use (with the update's
    /// `runID`, else a random id; a later description or metadata updates the run). Returns why it cannot be saved
    /// (its dataset does not exist), or nil.
    func save(_ update: DatasetRunItemUpdate, projectID: String, now: Date) throws -> String? {
        let connection = fetcher.connection
        let dataset = try connection.query("SELECT 1 FROM datasets WHERE project_id = $1 AND id = $2", [.text(projectID), .text(update.datasetID)])
        guard dataset.rowCount > 0 else { return "dataset \(update.datasetID) not found" }
        let runKey: [PGValue] = [.text(projectID), .text(update.datasetID), .text(update.runName)]
        let created = try connection.query("""
            INSERT INTO dataset_runs AS r (project_id, dataset_id, name, id, description, metadata, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (project_id, dataset_id, name) DO UPDATE SET description = COALESCE(EXCLUDED.description, r.description),
                metadata = COALESCE(EXCLUDED.metadata, r.metadata), updated_at = EXCLUDED.updated_at
            WHERE EXCLUDED.description IS NOT NULL OR EXCLUDED.metadata IS NOT NULL
            RETURNING id
            """, runKey + [.text(update.runID ?? UUID().uuidString.lowercased()), .optional(update.runDescription),
                           try fetcher.json.optionalColumn(update.runMetadata, field: "runMetadata"), .date(now)])
        var runID = PGRow(result: created, index: 0).text(0)
        if runID == nil {
            let existing = try connection.query("SELECT id FROM dataset_runs WHERE project_id = $1 AND dataset_id = $2 AND name = $3", runKey)
            runID = PGRow(result: existing, index: 0).text(0)
        }
        guard let runID else {
            throw PGError(message: "dataset run '\(update.runName)' vanished while its item was saved")
        }
        try connection.run("""
            INSERT INTO dataset_run_items (\(DatasetRunItemTable.selectList)) VALUES (\(DatasetRunItemTable.placeholders))
            ON CONFLICT (project_id, id) DO UPDATE SET trace_id = EXCLUDED.trace_id, observation_id = EXCLUDED.observation_id
            """, try DatasetRunItemTable.values(DatasetRunItem(id: update.id, projectID: projectID, datasetRunID: runID,
                                                               datasetItemID: update.datasetItemID, traceID: update.traceID,
                                                               observationID: update.observationID, createdAt: now), json: fetcher.json))
        return nil
    }

    /// The dataset with this name, or nil.
    func named(projectID: String, name: String) throws -> Dataset? {
        try fetcher.fetch(DatasetTable.self, "SELECT \(DatasetTable.selectList) FROM datasets WHERE project_id = $1 AND name = $2",
                          [.text(projectID), .text(name)]).first
    }

    /// A page of datasets, newest first.
    func datasets(projectID: String, page: PageRequest) throws -> Page<Dataset> {
        try fetcher.page(DatasetTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page)
    }

    /// A page of items of one dataset (every dataset when nil), oldest first.
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
        try fetcher.fetch(DatasetRunTable.self, """
            SELECT \(DatasetRunTable.selectList) FROM dataset_runs WHERE project_id = $1 AND dataset_id = $2 AND name = $3
            """, [.text(projectID), .text(datasetID), .text(name)]).first
    }

    /// Every item of a run, oldest first.
    func runItems(projectID: String, runID: String) throws -> [DatasetRunItem] {
        try fetcher.fetch(DatasetRunItemTable.self, """
            SELECT \(DatasetRunItemTable.selectList) FROM dataset_run_items WHERE project_id = $1 AND dataset_run_id = $2 ORDER BY created_at, id
            """, [.text(projectID), .text(runID)])
    }
}
