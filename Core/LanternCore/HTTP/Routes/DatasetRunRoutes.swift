import Foundation
import Hummingbird
import LanternPluginSDK

/// Dataset runs (experiments): listing, one run with its items, deletion, and `POST /dataset-run-items`,
/// which goes through the ingestion pipeline like the OpenTelemetry experiment spans do.
struct DatasetRunRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/datasets/:name/runs") { request, context in
            let projectID = try context.requireProject()
            let dataset = try await lookup(try support.parameter("name", context), projectID: projectID)
            let page = try await support.storage().datasetRuns(projectID: projectID, datasetID: dataset.id, page: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page) { .object(CatalogPresenters.run($0, datasetName: dataset.name)) })
        }
        group.get("/datasets/:name/runs/:runName") { _, context in
            let projectID = try context.requireProject()
            let dataset = try await lookup(try support.parameter("name", context), projectID: projectID)
            let runName = try support.parameter("runName", context)
            let storage = try support.storage()
            guard let run = try await storage.datasetRun(projectID: projectID, datasetID: dataset.id, name: runName) else {
                throw APIError.notFound("Dataset run not found: '\(runName)'")
            }
            var object = CatalogPresenters.run(run, datasetName: dataset.name)
            object["datasetRunItems"] = .array(try await storage.datasetRunItems(projectID: projectID, runID: run.id).map {
                CatalogPresenters.runItem($0, runName: run.name)
            })
            return JSONResponse.make(.ok, .object(object))
        }
        group.delete("/datasets/:name/runs/:runName") { _, context in
            let projectID = try context.requireProject()
            let dataset = try await lookup(try support.parameter("name", context), projectID: projectID)
            let runName = try support.parameter("runName", context)
            let storage = try support.storage()
            guard let run = try await storage.datasetRun(projectID: projectID, datasetID: dataset.id, name: runName),
                  try await storage.deleteDatasetRun(projectID: projectID, runID: run.id) else {
                throw APIError.notFound("Dataset run not found: '\(runName)'")
            }
            return JSONResponse.make(.ok, ["message": "Dataset run successfully deleted"])
        }
        group.post("/dataset-run-items") { request, context in
            let projectID = try context.requireProject()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
                throw APIError.badRequest("body: expected a dataset run item object")
            }
            guard let runName = body["runName"]?.stringValue, !runName.isEmpty else { throw APIError.badRequest("runName: is required") }
            guard let itemID = body["datasetItemId"]?.stringValue else { throw APIError.badRequest("datasetItemId: is required") }
            guard let traceID = body["traceId"]?.stringValue else { throw APIError.badRequest("traceId: is required") }
            let storage = try support.storage()
            guard let item = try await storage.datasetItem(projectID: projectID, id: itemID) else {
                throw APIError.notFound("Dataset item not found: \(itemID)")
            }
            var update = DatasetRunItemUpdate(id: "runitem-" + Identifiers.stableHash("\(item.datasetID)|\(runName)|\(itemID)|\(traceID)"),
                                              datasetID: item.datasetID, runName: runName, datasetItemID: itemID, traceID: traceID)
            update.observationID = body["observationId"]?.stringValue
            update.runDescription = body["runDescription"]?.stringValue
            update.runMetadata = body["metadata"].flatMap { $0 == .null ? nil : $0 }
            let outcomes = try await support.runtime.pipeline.accept(
                [IngestionEvent(id: update.id, timestamp: Date(), payload: .datasetRunItem(update))], projectID: projectID)
            if let failed = outcomes.first(where: { !$0.isSuccess }) { throw APIError.notFound(failed.error ?? "run item not stored") }
            guard let run = try await storage.datasetRun(projectID: projectID, datasetID: item.datasetID, name: runName),
                  let stored = try await storage.datasetRunItems(projectID: projectID, runID: run.id).first(where: { $0.id == update.id }) else {
                throw APIError.unavailable("run item stored but not readable yet")
            }
            return JSONResponse.make(.ok, CatalogPresenters.runItem(stored, runName: run.name))
        }
    }

    private func lookup(_ name: String, projectID: String) async throws -> Dataset {
        guard let dataset = try await support.storage().dataset(projectID: projectID, name: name) else {
            throw APIError.notFound("Dataset not found: '\(name)'")
        }
        return dataset
    }
}
