import Foundation
import LanternPluginSDK

/// ``PromptStore``, ``DatasetStore`` and ``MediaStore`` on SQLite.
extension SQLiteStorage {
    func createPromptVersion(_ draft: Prompt) async throws -> Prompt { try await writer().createPromptVersion(draft) }

    func promptVersion(projectID: String, name: String, version: Int) async throws -> Prompt? {
        try await reader().query("SELECT \(CatalogRows.promptColumns) FROM prompts WHERE project_id = ? AND name = ? AND version = ?",
                                 [.text(projectID), .text(name), .integer(Int64(version))], CatalogRows.prompt).first
    }

    func promptVersion(projectID: String, name: String, label: String) async throws -> Prompt? {
        try await promptVersions(projectID: projectID, name: name).first { $0.labels.contains(label) }
    }

    func setPromptLabels(projectID: String, name: String, version: Int, labels: [String]) async throws -> Prompt? {
        try await writer().setPromptLabels(projectID: projectID, name: name, version: version, labels: labels, now: Date())
    }

    func promptVersions(projectID: String, name: String) async throws -> [Prompt] {
        try await reader().query("SELECT \(CatalogRows.promptColumns) FROM prompts WHERE project_id = ? AND name = ? ORDER BY version DESC",
                                 [.text(projectID), .text(name)], CatalogRows.prompt)
    }

    func upsertDataset(_ dataset: Dataset) async throws -> Dataset { try await writer().upsertDataset(dataset) }

    func dataset(projectID: String, name: String) async throws -> Dataset? {
        try await reader().query("SELECT \(CatalogRows.datasetColumns) FROM datasets WHERE project_id = ? AND name = ?",
                                 [.text(projectID), .text(name)], CatalogRows.dataset).first
    }

    func dataset(projectID: String, id: String) async throws -> Dataset? {
        try await reader().query("SELECT \(CatalogRows.datasetColumns) FROM datasets WHERE project_id = ? AND id = ?",
                                 [.text(projectID), .text(id)], CatalogRows.dataset).first
    }

    func datasets(projectID: String, page: PageRequest) async throws -> Page<Dataset> {
        let reader = try reader()
        let total = try await reader.count("SELECT COUNT(*) FROM datasets WHERE project_id = ?", [.text(projectID)])
        let items = try await reader.query("SELECT \(CatalogRows.datasetColumns) FROM datasets WHERE project_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                                           [.text(projectID), .integer(Int64(page.limit)), .integer(Int64(page.offset))], CatalogRows.dataset)
        return Page(items: items, totalItems: total, request: page)
    }

    func upsertDatasetItem(_ item: DatasetItem) async throws -> DatasetItem { try await writer().upsertDatasetItem(item) }

    func datasetItem(projectID: String, id: String) async throws -> DatasetItem? {
        try await reader().query("SELECT \(CatalogRows.itemColumns) FROM dataset_items WHERE project_id = ? AND id = ?",
                                 [.text(projectID), .text(id)], CatalogRows.item).first
    }

    func datasetItems(projectID: String, datasetID: String?, page: PageRequest) async throws -> Page<DatasetItem> {
        var filter = SQLiteFilter(projectID: projectID)
        filter.equal("dataset_id", datasetID)
        let reader = try reader()
        let total = try await reader.count("SELECT COUNT(*) FROM dataset_items WHERE \(filter.sql)", filter.values)
        let items = try await reader.query("SELECT \(CatalogRows.itemColumns) FROM dataset_items WHERE \(filter.sql) ORDER BY created_at, id LIMIT ? OFFSET ?",
                                           filter.values + [.integer(Int64(page.limit)), .integer(Int64(page.offset))], CatalogRows.item)
        return Page(items: items, totalItems: total, request: page)
    }

    func datasetRuns(projectID: String, datasetID: String, page: PageRequest) async throws -> Page<DatasetRun> {
        let reader = try reader()
        let key: [SQLValue] = [.text(projectID), .text(datasetID)]
        let total = try await reader.count("SELECT COUNT(*) FROM dataset_runs WHERE project_id = ? AND dataset_id = ?", key)
        let runs = try await reader.query("SELECT \(CatalogRows.runColumns) FROM dataset_runs WHERE project_id = ? AND dataset_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                                          key + [.integer(Int64(page.limit)), .integer(Int64(page.offset))], CatalogRows.run)
        return Page(items: runs, totalItems: total, request: page)
    }

    func datasetRun(projectID: String, datasetID: String, name: String) async throws -> DatasetRun? {
        try await reader().query("SELECT \(CatalogRows.runColumns) FROM dataset_runs WHERE project_id = ? AND dataset_id = ? AND name = ?",
                                 [.text(projectID), .text(datasetID), .text(name)], CatalogRows.run).first
    }

    func datasetRunItems(projectID: String, runID: String) async throws -> [DatasetRunItem] {
        try await reader().query("SELECT \(CatalogRows.runItemColumns) FROM dataset_run_items WHERE project_id = ? AND dataset_run_id = ? ORDER BY created_at, id",
                                 [.text(projectID), .text(runID)], CatalogRows.runItem)
    }

    func saveMediaRecord(_ record: MediaRecord) async throws -> MediaRecord { try await writer().saveMediaRecord(record) }

    func mediaRecord(projectID: String, id: String) async throws -> MediaRecord? {
        try await reader().query("SELECT \(CatalogRows.mediaColumns) FROM media WHERE project_id = ? AND id = ?",
                                 [.text(projectID), .text(id)], CatalogRows.media).first
    }

    func storeMediaBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) async throws {
        try await writer().storeMediaBytes(projectID: projectID, id: id, bytes: bytes, uploadedAt: uploadedAt)
    }

    func mediaBytes(projectID: String, id: String) async throws -> [UInt8]? {
        try await reader().query("SELECT bytes FROM media WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) { $0.blob(0) }.first
    }
}
