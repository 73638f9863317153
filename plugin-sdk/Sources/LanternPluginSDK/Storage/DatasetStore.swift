/// Datasets, their items, and the runs (experiments) over them.
///
/// Contract:
/// - Dataset names are unique per project; `upsertDataset` matches by name and keeps the id and `createdAt`.
/// - Items are upserted by id; an item's `datasetID` never changes. Every upsert and delete is kept as a version, so
///   ``datasetItems(projectID:query:page:)`` with ``DatasetItemQuery/asOf`` shows the items as they were at that time.
/// - Runs are unique per (dataset, name) and are created by the first run item that names them
///   (``IngestionEvent/Payload/datasetRunItem(_:)`` through ``IngestionStore/write(_:projectID:)``).
public protocol DatasetStore: Sendable {
    /// Creates the dataset, or updates the one with the same name; returns it as stored.
    func upsertDataset(_ dataset: Dataset) async throws -> Dataset
    /// The dataset with this name, or nil.
    func dataset(projectID: String, name: String) async throws -> Dataset?
    /// The dataset with this id, or nil.
    func dataset(projectID: String, id: String) async throws -> Dataset?
    /// A page of datasets, newest first.
    func datasets(projectID: String, page: PageRequest) async throws -> Page<Dataset>
    /// Creates or replaces an item by id; returns it as stored.
    func upsertDatasetItem(_ item: DatasetItem) async throws -> DatasetItem
    /// The item with this id, or nil.
    func datasetItem(projectID: String, id: String) async throws -> DatasetItem?
    /// A page of items of one dataset (all datasets when nil), oldest first.
    func datasetItems(projectID: String, datasetID: String?, page: PageRequest) async throws -> Page<DatasetItem>
    /// A page of the items matching `query` (source trace/observation, point in time), oldest first.
    func datasetItems(projectID: String, query: DatasetItemQuery, page: PageRequest) async throws -> Page<DatasetItem>
    /// A page of runs of one dataset, newest first.
    func datasetRuns(projectID: String, datasetID: String, page: PageRequest) async throws -> Page<DatasetRun>
    /// The run with this name in a dataset, or nil.
    func datasetRun(projectID: String, datasetID: String, name: String) async throws -> DatasetRun?
    /// Every item of a run, oldest first.
    func datasetRunItems(projectID: String, runID: String) async throws -> [DatasetRunItem]
    /// Deletes a run with its run items; false when it did not exist.
    func deleteDatasetRun(projectID: String, runID: String) async throws -> Bool
    /// Deletes a dataset item; false when it did not exist.
    func deleteDatasetItem(projectID: String, id: String) async throws -> Bool
}

extension DatasetStore {
    public func upsertDataset(_ dataset: Dataset) async throws -> Dataset { throw StorageError.unsupported("datasets") }
    public func dataset(projectID: String, name: String) async throws -> Dataset? { throw StorageError.unsupported("datasets") }
    public func dataset(projectID: String, id: String) async throws -> Dataset? { throw StorageError.unsupported("datasets") }
    public func datasets(projectID: String, page: PageRequest) async throws -> Page<Dataset> { throw StorageError.unsupported("datasets") }
    public func upsertDatasetItem(_ item: DatasetItem) async throws -> DatasetItem { throw StorageError.unsupported("datasets") }
    public func datasetItem(projectID: String, id: String) async throws -> DatasetItem? { throw StorageError.unsupported("datasets") }
    public func datasetItems(projectID: String, datasetID: String?, page: PageRequest) async throws -> Page<DatasetItem> {
        throw StorageError.unsupported("datasets")
    }
    /// Answers queries that filter by dataset only; a storage written before item filters and versions throws
    /// `unsupported` for the others.
    public func datasetItems(projectID: String, query: DatasetItemQuery, page: PageRequest) async throws -> Page<DatasetItem> {
        guard query.sourceTraceID == nil, query.sourceObservationID == nil, query.asOf == nil else {
            throw StorageError.unsupported("dataset item filters and versions")
        }
        return try await datasetItems(projectID: projectID, datasetID: query.datasetID, page: page)
    }
    public func datasetRuns(projectID: String, datasetID: String, page: PageRequest) async throws -> Page<DatasetRun> {
        throw StorageError.unsupported("datasets")
    }
    public func datasetRun(projectID: String, datasetID: String, name: String) async throws -> DatasetRun? {
        throw StorageError.unsupported("datasets")
    }
    public func datasetRunItems(projectID: String, runID: String) async throws -> [DatasetRunItem] { throw StorageError.unsupported("datasets") }
    public func deleteDatasetRun(projectID: String, runID: String) async throws -> Bool { throw StorageError.unsupported("datasets") }
    public func deleteDatasetItem(projectID: String, id: String) async throws -> Bool { throw StorageError.unsupported("datasets") }
}
