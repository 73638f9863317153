import Foundation
import Hummingbird
import LanternPluginSDK

/// Dataset runs (experiments): listing, one run with its items, its results (per item output, latency, cost and scores;
/// per run score averages), two or more runs compared side by side, deletion, and `POST /dataset-run-items`,
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
        group.get("/datasets/:name/runs/:runName/results") { _, context in
            let projectID = try context.requireProject()
            let dataset = try await lookup(try support.parameter("name", context), projectID: projectID)
            let run = try await run(try support.parameter("runName", context), of: dataset, projectID: projectID)
            let builder = RunResults(projectID: projectID, storage: try support.storage())
            let results = try await builder.results(of: run)
            var object = CatalogPresenters.run(run, datasetName: dataset.name)
            object["summary"] = RunResults.summary(results, runScores: try await builder.runScores(of: run))
            object["items"] = .array(results.map(RunResults.present))
            return JSONResponse.make(.ok, .object(object))
        }
        group.get("/datasets/:name/compare") { request, context in
            let projectID = try context.requireProject()
            let dataset = try await lookup(try support.parameter("name", context), projectID: projectID)
            let names = QueryReader(request).strings("runs")
            guard names.count >= 2 else { throw APIError.badRequest("runs: give at least two run names (runs=a&runs=b or runs=a,b)") }
            let builder = RunResults(projectID: projectID, storage: try support.storage())
            var runs: [JSONValue] = []
            var byItem: [String: [String: JSONValue]] = [:]
            for name in names {
                let run = try await run(name, of: dataset, projectID: projectID)
                let results = try await builder.results(of: run)
                runs.append(["name": .string(name), "summary": RunResults.summary(results, runScores: try await builder.runScores(of: run))])
                for result in results { byItem[result.item.datasetItemID, default: [:]][name] = RunResults.present(result) }
            }
            let items: [JSONValue] = byItem.keys.sorted().map { ["datasetItemId": .string($0), "runs": .object(byItem[$0] ?? [:])] }
            return JSONResponse.make(.ok, ["datasetName": .string(dataset.name), "runs": .array(runs), "items": .array(items)])
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
        group.get("/dataset-run-items") { request, context in
            let projectID = try context.requireProject()
            let reader = QueryReader(request)
            guard let datasetID = reader.string("datasetId") else { throw APIError.badRequest("datasetId: is required") }
            guard let runName = reader.string("runName") else { throw APIError.badRequest("runName: is required") }
            let pageRequest = try reader.page()
            let storage = try support.storage()
            guard try await storage.dataset(projectID: projectID, id: datasetID) != nil else { throw APIError.notFound("Dataset not found: '\(datasetID)'") }
            guard let run = try await storage.datasetRun(projectID: projectID, datasetID: datasetID, name: runName) else {
                throw APIError.notFound("Dataset run not found: '\(runName)'")
            }
            let items = try await storage.datasetRunItems(projectID: projectID, runID: run.id)
            let page = Page(slicing: items, request: pageRequest)
            return JSONResponse.make(.ok, Presenters.page(page) { CatalogPresenters.runItem($0, runName: run.name) })
        }
        group.post("/dataset-run-items") { request, context in
            let projectID = try context.requireProject()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
                throw APIError.badRequest("body: expected a dataset run item object")
            }
            guard let runName = body["runName"]?.stringValue, !runName.isEmpty else { throw APIError.badRequest("runName: is required") }
            guard let itemID = body["datasetItemId"]?.stringValue else { throw APIError.badRequest("datasetItemId: is required") }
            let storage = try support.storage()
            let observationID = body["observationId"]?.stringValue
            var observationTrace: String?
            if body["traceId"]?.stringValue == nil, let observationID {
                observationTrace = try await storage.observation(projectID: projectID, id: observationID)?.traceID
            }
            guard let traceID = body["traceId"]?.stringValue ?? observationTrace else {
                throw APIError.badRequest("traceId: is required (or an observationId of a stored observation)")
            }
            guard let item = try await storage.datasetItem(projectID: projectID, id: itemID) else {
                throw APIError.notFound("Dataset item not found: \(itemID)")
            }
            var update = DatasetRunItemUpdate(id: "runitem-" + Identifiers.stableHash("\(item.datasetID)|\(runName)|\(itemID)|\(traceID)"),
                                              datasetID: item.datasetID, runName: runName, datasetItemID: itemID, traceID: traceID)
            update.observationID = observationID
            update.runDescription = body["runDescription"]?.stringValue
            update.runMetadata = body["metadata"].flatMap { $0 == .null ? nil : $0 }
            let outcomes = try await support.runtime.pipeline.accept(
                [IngestionEvent(id: update.id, timestamp: Date(), payload: .datasetRunItem(update))], projectID: projectID)
            if let failed = outcomes.first(where: { !$0.isSuccess }) { throw APIError.refused(failed) }
            guard let run = try await storage.datasetRun(projectID: projectID, datasetID: item.datasetID, name: runName),
                  let stored = try await storage.datasetRunItems(projectID: projectID, runID: run.id).first(where: { $0.id == update.id }) else {
                throw APIError.unavailable("run item stored but not readable yet")
            }
            return JSONResponse.make(.ok, CatalogPresenters.runItem(stored, runName: run.name))
        }
    }

    /// The run of a dataset with this name, or a 404 naming it.
    private func run(_ name: String, of dataset: Dataset, projectID: String) async throws -> DatasetRun {
        guard let run = try await support.storage().datasetRun(projectID: projectID, datasetID: dataset.id, name: name) else {
            throw APIError.notFound("Dataset run not found: '\(name)'")
        }
        return run
    }

    private func lookup(_ name: String, projectID: String) async throws -> Dataset {
        guard let dataset = try await support.storage().dataset(projectID: projectID, name: name) else {
            throw APIError.notFound("Dataset not found: '\(name)'")
        }
        return dataset
    }
}
