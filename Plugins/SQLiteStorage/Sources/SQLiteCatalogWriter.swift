import Foundation
import LanternPluginSDK

/// Writes of prompts, datasets, dataset runs and media; each public method is one transaction.
extension SQLiteWriter {
    func createPromptVersion(_ draft: Prompt) throws -> Prompt {
        try transaction {
            let key: [SQLValue] = [.text(draft.projectID), .text(draft.name)]
            let existing = try connection.query("SELECT \(CatalogRows.promptColumns) FROM prompts WHERE project_id = ? AND name = ? ORDER BY version DESC",
                                                key, CatalogRows.prompt)
            if let newest = existing.first, newest.kind != draft.kind {
                throw StorageError.conflict("prompt '\(draft.name)' is a \(newest.kind.rawValue) prompt; a new version cannot be \(draft.kind.rawValue)")
            }
            var prompt = draft
            prompt.version = (existing.first?.version ?? 0) + 1
            prompt.labels = Array(Set(draft.labels + ["latest"])).sorted()
            for var other in existing {
                other.labels.removeAll { prompt.labels.contains($0) }
                other.tags = prompt.tags
                try connection.run(TraceRows.upsert("prompts", CatalogRows.promptColumns), CatalogRows.values(other))
            }
            try connection.run(TraceRows.upsert("prompts", CatalogRows.promptColumns), CatalogRows.values(prompt))
            return prompt
        }
    }

    func setPromptLabels(projectID: String, name: String, version: Int, labels: [String], now: Date) throws -> Prompt? {
        try transaction {
            let versions = try connection.query("SELECT \(CatalogRows.promptColumns) FROM prompts WHERE project_id = ? AND name = ?",
                                                [.text(projectID), .text(name)], CatalogRows.prompt)
            guard var target = versions.first(where: { $0.version == version }) else { return nil }
            for var other in versions where other.version != version && other.labels.contains(where: labels.contains) {
                other.labels.removeAll { labels.contains($0) }
                other.updatedAt = now
                try connection.run(TraceRows.upsert("prompts", CatalogRows.promptColumns), CatalogRows.values(other))
            }
            target.labels = Array(Set(target.labels + labels)).sorted()
            target.updatedAt = now
            try connection.run(TraceRows.upsert("prompts", CatalogRows.promptColumns), CatalogRows.values(target))
            return target
        }
    }

    func upsertDataset(_ dataset: Dataset) throws -> Dataset {
        try transaction {
            var stored = dataset
            if let existing = try connection.query("SELECT \(CatalogRows.datasetColumns) FROM datasets WHERE project_id = ? AND name = ?",
                                                   [.text(dataset.projectID), .text(dataset.name)], CatalogRows.dataset).first {
                stored.id = existing.id
                stored.createdAt = existing.createdAt
            }
            try connection.run(TraceRows.upsert("datasets", CatalogRows.datasetColumns), CatalogRows.values(stored))
            return stored
        }
    }

    func upsertDatasetItem(_ item: DatasetItem) throws -> DatasetItem {
        try transaction {
            var stored = item
            if let existing = try connection.query("SELECT \(CatalogRows.itemColumns) FROM dataset_items WHERE project_id = ? AND id = ?",
                                                   [.text(item.projectID), .text(item.id)], CatalogRows.item).first {
                guard existing.datasetID == item.datasetID else {
                    throw StorageError.conflict("dataset item \(item.id) belongs to another dataset")
                }
                stored.createdAt = existing.createdAt
            }
            try connection.run(TraceRows.upsert("dataset_items", CatalogRows.itemColumns), CatalogRows.values(stored))
            return stored
        }
    }

    func saveMediaRecord(_ record: MediaRecord) throws -> MediaRecord {
        try transaction {
            var stored = record
            if let existing = try connection.query("SELECT \(CatalogRows.mediaColumns) FROM media WHERE project_id = ? AND id = ?",
                                                   [.text(record.projectID), .text(record.id)], CatalogRows.media).first {
                stored.uploadedAt = existing.uploadedAt
                stored.createdAt = existing.createdAt
            }
            try connection.run("""
                INSERT INTO media (\(CatalogRows.mediaColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, id) DO UPDATE SET content_type = excluded.content_type, content_length = excluded.content_length,
                    sha256 = excluded.sha256, trace_id = excluded.trace_id, observation_id = excluded.observation_id, field = excluded.field
                """, [.text(stored.projectID), .text(stored.id), .text(stored.contentType), .integer(Int64(stored.contentLength)),
                      .text(stored.sha256), SQLiteCoding.text(stored.traceID), SQLiteCoding.text(stored.observationID),
                      SQLiteCoding.text(stored.field), SQLiteCoding.date(stored.uploadedAt), SQLiteCoding.date(stored.createdAt)])
            return stored
        }
    }

    func storeMediaBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) throws {
        try connection.run("UPDATE media SET bytes = ?, uploaded_at = ? WHERE project_id = ? AND id = ?",
                           [.blob(bytes), SQLiteCoding.date(uploadedAt), .text(projectID), .text(id)])
    }

    /// Saves one run item, creating its run on first use; returns a problem when the dataset does not exist.
    /// Runs inside the caller's transaction.
    func saveRunItem(_ update: DatasetRunItemUpdate, projectID: String, now: Date) throws -> String? {
        let datasetExists = try connection.query("SELECT 1 FROM datasets WHERE project_id = ? AND id = ?",
                                                 [.text(projectID), .text(update.datasetID)]) { $0.integer(0) }
        guard !datasetExists.isEmpty else { return "dataset \(update.datasetID) not found" }
        let runID: String
        if let existing = try connection.query("SELECT id FROM dataset_runs WHERE project_id = ? AND dataset_id = ? AND name = ?",
                                               [.text(projectID), .text(update.datasetID), .text(update.runName)], { $0.text(0) }).first {
            runID = existing
            if update.runDescription != nil || update.runMetadata != nil {
                try connection.run("UPDATE dataset_runs SET description = COALESCE(?, description), metadata = COALESCE(?, metadata), updated_at = ? WHERE project_id = ? AND id = ?",
                                   [SQLiteCoding.text(update.runDescription), SQLiteCoding.json(update.runMetadata), SQLiteCoding.date(now),
                                    .text(projectID), .text(runID)])
            }
        } else {
            runID = UUID().uuidString.lowercased()
            try connection.run("INSERT INTO dataset_runs (\(CatalogRows.runColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [.text(projectID), .text(runID), .text(update.datasetID), .text(update.runName),
                                SQLiteCoding.text(update.runDescription), SQLiteCoding.json(update.runMetadata), SQLiteCoding.date(now), SQLiteCoding.date(now)])
        }
        try connection.run("""
            INSERT INTO dataset_run_items (\(CatalogRows.runItemColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id, id) DO UPDATE SET trace_id = excluded.trace_id, observation_id = excluded.observation_id
            """, [.text(projectID), .text(update.id), .text(runID), .text(update.datasetItemID), .text(update.traceID),
                  SQLiteCoding.text(update.observationID), SQLiteCoding.date(now)])
        return nil
    }
}
