import Foundation
import LanternPluginSDK
import SQLStorageKit

/// How PostgreSQL stores dataset items and run items: one upsert each, answering what SQLite reads back.
extension DatasetCatalog where Connection == PGConnection {
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
        try fetcher.connection.run(DatasetItemVersionTable.close, [.date(stored.updatedAt), .text(item.projectID), .text(item.id)])
        try fetcher.connection.run(DatasetItemVersionTable.open, try DatasetItemVersionTable.values(stored, json: fetcher.json) + [.date(stored.updatedAt)])
        return stored
    }

    /// Saves one run item inside the caller's transaction, creating its run on first use (with the update's
    /// `runID`, else a random id; a later description or metadata updates the run). Returns why it cannot be saved
    /// (its dataset does not exist), or nil.
    func save(_ update: DatasetRunItemUpdate, projectID: String, now: Date) throws -> String? {
        let connection = fetcher.connection
        let dataset = try connection.query("SELECT 1 FROM datasets WHERE project_id = $1 AND id = $2", [.text(projectID), .text(update.datasetID)])
        guard dataset.rowCount > 0 else { return "dataset \(update.datasetID) not found" }
        let runKey: [SQLValue] = [.text(projectID), .text(update.datasetID), .text(update.runName)]
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
}

extension PostgresStorage {
    /// Creates or replaces an item by id; returns it as stored.
    public func upsertDatasetItem(_ item: DatasetItem) async throws -> DatasetItem {
        try await write { try DatasetCatalog(fetcher: $0).upsert(item) }
    }
}
