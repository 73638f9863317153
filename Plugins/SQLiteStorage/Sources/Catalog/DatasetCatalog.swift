import Foundation
import LanternPluginSDK
import SQLStorageKit

/// How SQLite stores dataset items and run items: it reads the stored row, then upserts.
extension DatasetCatalog where Connection == SQLiteConnection {
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
            try connection.run(DatasetItemVersionTable.close, [.date(stored.updatedAt), .text(item.projectID), .text(item.id)])
            try connection.run(DatasetItemVersionTable.open, values + [.date(stored.updatedAt)])
            return stored
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
}

extension SQLiteStorage {
    /// Creates or replaces an item by id; returns it as stored.
    public func upsertDatasetItem(_ item: DatasetItem) async throws -> DatasetItem {
        try await write { try DatasetCatalog(fetcher: $0).upsert(item) }
    }
}
