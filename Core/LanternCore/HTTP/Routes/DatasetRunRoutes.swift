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
        group.get("/datasets/:name/runs", use: list)
        group.get("/datasets/:name/runs/:runName", use: get)
        group.get("/datasets/:name/runs/:runName/results", use: results)
        group.get("/datasets/:name/compare", use: compare)
        group.delete("/datasets/:name/runs/:runName", use: delete)
        group.get("/dataset-run-items", use: items)
        group.post("/dataset-run-items", use: createItem)
    }

    private var service: DatasetRunService { support.services.datasetRuns }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let found = try await service.list(try context.principal(), datasetName: try support.parameter("name", context),
                                           page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(found.page) { .object(CatalogPresenters.run($0, datasetName: found.dataset.name)) })
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let found = try await service.get(principal, datasetName: try support.parameter("name", context),
                                          runName: try support.parameter("runName", context))
        var object = CatalogPresenters.run(found.run, datasetName: found.dataset.name)
        object["datasetRunItems"] = .array(try await service.items(principal, run: found.run).map {
            CatalogPresenters.runItem($0, runName: found.run.name)
        })
        return JSONResponse.make(.ok, .object(object))
    }

    @Sendable func results(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let found = try await service.get(principal, datasetName: try support.parameter("name", context),
                                          runName: try support.parameter("runName", context))
        let results = try await service.results(principal, of: found.run)
        var object = CatalogPresenters.run(found.run, datasetName: found.dataset.name)
        object["summary"] = RunResults.summary(results.items, runScores: results.runScores)
        object["items"] = .array(results.items.map(RunResults.present))
        return JSONResponse.make(.ok, .object(object))
    }

    @Sendable func compare(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let found = try await service.compare(try context.principal(), datasetName: try support.parameter("name", context),
                                              runNames: QueryReader(request).strings("runs"))
        var runs: [JSONValue] = []
        var byItem: [String: [String: JSONValue]] = [:]
        for results in found.runs {
            let name = results.run.name
            runs.append(["name": .string(name), "summary": RunResults.summary(results.items, runScores: results.runScores)])
            for result in results.items { byItem[result.item.datasetItemID, default: [:]][name] = RunResults.present(result) }
        }
        let items: [JSONValue] = byItem.keys.sorted().map { ["datasetItemId": .string($0), "runs": .object(byItem[$0] ?? [:])] }
        return JSONResponse.make(.ok, ["datasetName": .string(found.dataset.name), "runs": .array(runs), "items": .array(items)])
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await service.delete(try context.principal(), datasetName: try support.parameter("name", context),
                                 runName: try support.parameter("runName", context))
        return JSONResponse.make(.ok, ["message": "Dataset run successfully deleted"])
    }

    @Sendable func items(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        guard let datasetID = reader.string("datasetId") else { throw APIError.badRequest("datasetId: is required") }
        guard let runName = reader.string("runName") else { throw APIError.badRequest("runName: is required") }
        let pageRequest = try reader.page()
        let found = try await service.items(try context.principal(), datasetID: datasetID, runName: runName)
        return JSONResponse.make(.ok, Presenters.page(Page(slicing: found.items, request: pageRequest)) {
            CatalogPresenters.runItem($0, runName: found.run.name)
        })
    }

    @Sendable func createItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
            throw APIError.badRequest("body: expected a dataset run item object")
        }
        guard let runName = body["runName"]?.stringValue, !runName.isEmpty else { throw APIError.badRequest("runName: is required") }
        guard let itemID = body["datasetItemId"]?.stringValue else { throw APIError.badRequest("datasetItemId: is required") }
        let created = try await service.createItem(principal, runName: runName, datasetItemID: itemID, traceID: body["traceId"]?.stringValue,
                                                   observationID: body["observationId"]?.stringValue,
                                                   runDescription: body["runDescription"]?.stringValue,
                                                   runMetadata: body["metadata"].flatMap { $0 == .null ? nil : $0 })
        return JSONResponse.make(.ok, CatalogPresenters.runItem(created.item, runName: created.run.name))
    }
}
