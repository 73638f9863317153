import Foundation
import LanternPluginSDK

/// Dataset runs: list, one with its items, results and comparisons, deletion, and run items created through the
/// ingestion pipeline (as the OpenTelemetry experiment spans are).
struct DatasetRunService: Sendable {
    let kernel: KernelServices

    /// A run's results and the scores given to the run itself.
    struct Results: Sendable {
        let run: DatasetRun
        let items: [RunResults.ItemResult]
        let runScores: [Score]
    }

    func list(_ principal: Principal, datasetName: String, page: PageRequest) async throws -> (dataset: Dataset, page: Page<DatasetRun>) {
        try kernel.authorize(principal, .projectRead)
        let dataset = try await kernel.datasets.get(principal, name: datasetName)
        return (dataset, try await kernel.storage().datasetRuns(projectID: principal.projectID, datasetID: dataset.id, page: page))
    }

    func get(_ principal: Principal, datasetName: String, runName: String) async throws -> (dataset: Dataset, run: DatasetRun) {
        try kernel.authorize(principal, .projectRead)
        let dataset = try await kernel.datasets.get(principal, name: datasetName)
        return (dataset, try await run(principal, runName, of: dataset))
    }

    func items(_ principal: Principal, run: DatasetRun) async throws -> [DatasetRunItem] {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.storage().datasetRunItems(projectID: principal.projectID, runID: run.id)
    }

    /// The items of the run named `runName` of the dataset with id `datasetID`.
    func items(_ principal: Principal, datasetID: String, runName: String) async throws -> (run: DatasetRun, items: [DatasetRunItem]) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard try await storage.dataset(projectID: principal.projectID, id: datasetID) != nil else {
            throw APIError.notFound("Dataset not found: '\(datasetID)'")
        }
        guard let run = try await storage.datasetRun(projectID: principal.projectID, datasetID: datasetID, name: runName) else {
            throw APIError.notFound("Dataset run not found: '\(runName)'")
        }
        return (run, try await items(principal, run: run))
    }

    func results(_ principal: Principal, of run: DatasetRun) async throws -> Results {
        try kernel.authorize(principal, .projectRead)
        let builder = RunResults(projectID: principal.projectID, storage: try kernel.storage())
        return Results(run: run, items: try await builder.results(of: run), runScores: try await builder.runScores(of: run))
    }

    /// The results of each named run of one dataset, in the order given; at least two names.
    func compare(_ principal: Principal, datasetName: String, runNames: [String]) async throws -> (dataset: Dataset, runs: [Results]) {
        try kernel.authorize(principal, .projectRead)
        guard runNames.count >= 2 else { throw APIError.badRequest("runs: give at least two run names (runs=a&runs=b or runs=a,b)") }
        let dataset = try await kernel.datasets.get(principal, name: datasetName)
        var runs: [Results] = []
        for name in runNames { runs.append(try await results(principal, of: try await run(principal, name, of: dataset))) }
        return (dataset, runs)
    }

    func delete(_ principal: Principal, datasetName: String, runName: String) async throws {
        try kernel.authorize(principal, .datasetsWrite)
        let (dataset, run) = try await get(principal, datasetName: datasetName, runName: runName)
        guard try await kernel.storage().deleteDatasetRun(projectID: principal.projectID, runID: run.id) else {
            throw APIError.notFound("Dataset run not found: '\(runName)'")
        }
        kernel.audit.record(principal, "datasetRun", run.id, "deleted", before: .object(CatalogPresenters.run(run, datasetName: dataset.name)))
    }

    /// Links a trace (or an observation's trace) to a dataset item under a run, through the ingestion pipeline.
    func createItem(_ principal: Principal, runName: String, datasetItemID: String, traceID: String?, observationID: String?,
                    runDescription: String?, runMetadata: JSONValue?) async throws -> (run: DatasetRun, item: DatasetRunItem) {
        try kernel.authorize(principal, .datasetsWrite)
        let storage = try kernel.storage()
        let projectID = principal.projectID
        var observationTrace: String?
        if traceID == nil, let observationID {
            observationTrace = try await storage.observation(projectID: projectID, id: observationID)?.traceID
        }
        guard let traceID = traceID ?? observationTrace else {
            throw APIError.badRequest("traceId: is required (or an observationId of a stored observation)")
        }
        guard let item = try await storage.datasetItem(projectID: projectID, id: datasetItemID) else {
            throw APIError.notFound("Dataset item not found: \(datasetItemID)")
        }
        var update = DatasetRunItemUpdate(id: DatasetRunItemUpdate.stableID(datasetID: item.datasetID, runName: runName,
                                                                                  datasetItemID: datasetItemID, traceID: traceID),
                                          datasetID: item.datasetID, runName: runName, datasetItemID: datasetItemID, traceID: traceID)
        update.observationID = observationID
        update.runDescription = runDescription
        update.runMetadata = runMetadata
        let outcomes = try await kernel.runtime.pipeline.accept(
            [IngestionEvent(id: update.id, timestamp: Date(), payload: .datasetRunItem(update))], projectID: projectID)
        if let failed = outcomes.first(where: { !$0.isSuccess }) { throw APIError.refused(failed) }
        guard let run = try await storage.datasetRun(projectID: projectID, datasetID: item.datasetID, name: runName),
              let stored = try await storage.datasetRunItems(projectID: projectID, runID: run.id).first(where: { $0.id == update.id }) else {
            throw APIError.unavailable("run item stored but not readable yet")
        }
        kernel.audit.record(principal, "datasetRunItem", stored.id, "created", after: CatalogPresenters.runItem(stored, runName: run.name))
        return (run, stored)
    }

    private func run(_ principal: Principal, _ name: String, of dataset: Dataset) async throws -> DatasetRun {
        guard let run = try await kernel.storage().datasetRun(projectID: principal.projectID, datasetID: dataset.id, name: name) else {
            throw APIError.notFound("Dataset run not found: '\(name)'")
        }
        return run
    }
}
