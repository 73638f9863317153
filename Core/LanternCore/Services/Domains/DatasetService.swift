import Foundation
import LanternPluginSDK

/// Datasets and their items: create or update by name, read, list, and item upsert, lookup and delete.
struct DatasetService: Sendable {
    let kernel: KernelServices

    /// A dataset with every current item and the names of its runs (the legacy v1 shape).
    struct Contents: Sendable {
        let dataset: Dataset
        let items: [DatasetItem]
        let runNames: [String]
    }

    /// Creates the dataset, or updates the one with the same name.
    func upsert(_ principal: Principal, _ draft: Dataset) async throws -> Dataset {
        try kernel.authorize(principal, .datasetsWrite)
        var dataset = draft
        dataset.projectID = principal.projectID
        let storage = try kernel.storage()
        let before = try await storage.dataset(projectID: principal.projectID, name: dataset.name)
        let stored = try await storage.upsertDataset(dataset)
        kernel.audit.record(principal, "dataset", stored.id, before == nil ? "created" : "updated",
                            before: before.map { .object(CatalogPresenters.dataset($0)) }, after: .object(CatalogPresenters.dataset(stored)))
        return stored
    }

    func list(_ principal: Principal, page: PageRequest) async throws -> Page<Dataset> {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.storage().datasets(projectID: principal.projectID, page: page)
    }

    func get(_ principal: Principal, name: String) async throws -> Dataset {
        try kernel.authorize(principal, .projectRead)
        guard let dataset = try await kernel.storage().dataset(projectID: principal.projectID, name: name) else {
            throw APIError.notFound("Dataset not found: '\(name)'")
        }
        return dataset
    }

    /// The dataset's current items and run names, read page by page (no cap).
    func contents(_ principal: Principal, of dataset: Dataset) async throws -> Contents {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        let items = try await AllPages.read { page in
            try await storage.datasetItems(projectID: principal.projectID, query: DatasetItemQuery(datasetID: dataset.id), page: page)
        }
        let runs = try await AllPages.read { page in try await storage.datasetRuns(projectID: principal.projectID, datasetID: dataset.id, page: page) }
        return Contents(dataset: dataset, items: items, runNames: runs.map(\.name))
    }

    /// Creates or updates the item `id` of the dataset named `datasetName`; `change` sets the fields the request gives.
    func upsertItem(_ principal: Principal, id: String, datasetName: String, _ change: (inout DatasetItem) throws -> Void)
        async throws -> (item: DatasetItem, datasetName: String) {
        try kernel.authorize(principal, .datasetsWrite)
        let dataset = try await get(principal, name: datasetName)
        let storage = try kernel.storage()
        let existing = try await storage.datasetItem(projectID: principal.projectID, id: id)
        var item = existing ?? DatasetItem(id: id, projectID: principal.projectID, datasetID: dataset.id, createdAt: Date())
        item.datasetID = dataset.id
        item.updatedAt = Date()
        try change(&item)
        let runtime = kernel.runtime, project = principal.projectID
        item.input = try await runtime.processRecord(item.input, field: .datasetItemInput, projectID: project)
        item.expectedOutput = try await runtime.processRecord(item.expectedOutput, field: .datasetItemExpectedOutput, projectID: project)
        item.metadata = try await runtime.processRecord(item.metadata, field: .datasetItemMetadata, projectID: project)
        let stored: DatasetItem
        do { stored = try await storage.upsertDatasetItem(item) } catch StorageError.conflict(let reason) {
            throw APIError.badRequest(reason)
        }
        kernel.audit.record(principal, "datasetItem", id, existing == nil ? "created" : "updated",
                            before: existing.map { CatalogPresenters.item($0, datasetName: dataset.name) },
                            after: CatalogPresenters.item(stored, datasetName: dataset.name))
        return (stored, dataset.name)
    }

    /// Items matching `query`, each with its dataset's name.
    func items(_ principal: Principal, datasetName: String?, query: DatasetItemQuery, page: PageRequest) async throws
        -> (page: Page<DatasetItem>, datasetNames: [String: String]) {
        try kernel.authorize(principal, .projectRead)
        var query = query
        var names: [String: String] = [:]
        if let datasetName {
            let dataset = try await get(principal, name: datasetName)
            query.datasetID = dataset.id
            names[dataset.id] = dataset.name
        } else if query.asOf != nil {
            throw APIError.badRequest("version: requires datasetName")
        }
        let storage = try kernel.storage()
        let found = try await storage.datasetItems(projectID: principal.projectID, query: query, page: page)
        for item in found.items where names[item.datasetID] == nil {
            names[item.datasetID] = try await storage.dataset(projectID: principal.projectID, id: item.datasetID)?.name ?? ""
        }
        return (found, names)
    }

    func item(_ principal: Principal, id: String) async throws -> (item: DatasetItem, datasetName: String) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let item = try await storage.datasetItem(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Dataset item not found")
        }
        return (item, try await storage.dataset(projectID: principal.projectID, id: item.datasetID)?.name ?? "")
    }

    func deleteItem(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .datasetsWrite)
        let storage = try kernel.storage()
        let before = try await storage.datasetItem(projectID: principal.projectID, id: id)
        guard try await storage.deleteDatasetItem(projectID: principal.projectID, id: id) else { throw APIError.notFound("Dataset item not found") }
        kernel.audit.record(principal, "datasetItem", id, "deleted", before: before.map { CatalogPresenters.item($0, datasetName: "") })
    }
}
