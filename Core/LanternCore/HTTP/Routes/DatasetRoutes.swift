import Foundation
import Hummingbird
import LanternPluginSDK

/// Datasets and their items (`/v2/datasets`, legacy `/datasets` and `/datasets/{name}`, `/dataset-items`).
struct DatasetRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/v2/datasets", use: create)
        group.post("/datasets", use: createLegacy)
        group.get("/v2/datasets", use: list)
        group.get("/v2/datasets/:name", use: get)
        group.get("/datasets", use: listLegacy)
        group.get("/datasets/:name", use: getLegacy)
        group.post("/dataset-items", use: upsertItem)
        group.get("/dataset-items", use: items)
        group.get("/dataset-items/:id", use: item)
        group.delete("/dataset-items/:id", use: deleteItem)
    }

    private var service: DatasetService { support.services.datasets }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        JSONResponse.make(.ok, .object(CatalogPresenters.dataset(try await upsert(request, context))))
    }

    @Sendable func createLegacy(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let dataset = try await upsert(request, context)
        return JSONResponse.make(.ok, .object(Self.legacyView(try await service.contents(try context.principal(), of: dataset))))
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let page = try await service.list(try context.principal(), page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(page) { .object(CatalogPresenters.dataset($0)) })
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let dataset = try await service.get(try context.principal(), name: try support.parameter("name", context))
        return JSONResponse.make(.ok, .object(CatalogPresenters.dataset(dataset)))
    }

    @Sendable func listLegacy(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let page = try await service.list(principal, page: try QueryReader(request).page())
        var views: [JSONValue] = []
        for dataset in page.items { views.append(.object(Self.legacyView(try await service.contents(principal, of: dataset)))) }
        return JSONResponse.make(.ok, Presenters.page(Page(items: views, totalItems: page.totalItems, request: page.request)) { $0 })
    }

    @Sendable func getLegacy(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let dataset = try await service.get(principal, name: try support.parameter("name", context))
        return JSONResponse.make(.ok, .object(Self.legacyView(try await service.contents(principal, of: dataset))))
    }

    @Sendable func upsertItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        guard case .object(let body) = try await JSONResponse.body(of: request, limit: 4_718_592) else {
            throw APIError.badRequest("body: expected a dataset item object")
        }
        guard let datasetName = body["datasetName"]?.stringValue else { throw APIError.badRequest("datasetName: is required") }
        let id = body["id"]?.stringValue ?? UUID().uuidString.lowercased()
        let stored = try await service.upsertItem(principal, id: id, datasetName: datasetName) { item in try Self.apply(body, to: &item) }
        return JSONResponse.make(.ok, CatalogPresenters.item(stored.item, datasetName: stored.datasetName))
    }

    @Sendable func items(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        let query = DatasetItemQuery(sourceTraceID: reader.string("sourceTraceId"), sourceObservationID: reader.string("sourceObservationId"),
                                     asOf: try reader.date("version"))
        let found = try await service.items(try context.principal(), datasetName: reader.string("datasetName"), query: query,
                                            page: try reader.page())
        return JSONResponse.make(.ok, Presenters.page(found.page) { CatalogPresenters.item($0, datasetName: found.datasetNames[$0.datasetID] ?? "") })
    }

    @Sendable func item(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let found = try await service.item(try context.principal(), id: try support.parameter("id", context))
        return JSONResponse.make(.ok, CatalogPresenters.item(found.item, datasetName: found.datasetName))
    }

    @Sendable func deleteItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await service.deleteItem(try context.principal(), id: try support.parameter("id", context))
        return JSONResponse.make(.ok, ["message": "Dataset item successfully deleted"])
    }

    /// Sets the item fields present in a create/upsert body; absent fields keep their stored values, `null` clears them.
    private static func apply(_ body: [String: JSONValue], to item: inout DatasetItem) throws {
        func value(_ key: String) -> JSONValue?? { body[key].map { $0 == .null ? nil : $0 } }
        if let status = body["status"], status != .null {
            guard let text = status.stringValue, ["ACTIVE", "ARCHIVED"].contains(text) else { throw APIError.badRequest("status: must be ACTIVE or ARCHIVED") }
            item.status = DatasetItem.Status(rawValue: text)
        }
        if let input = value("input") { item.input = input }
        if let expectedOutput = value("expectedOutput") { item.expectedOutput = expectedOutput }
        if let metadata = value("metadata") { item.metadata = metadata }
        if let sourceTraceID = value("sourceTraceId") { item.sourceTraceID = sourceTraceID?.stringValue }
        if let sourceObservationID = value("sourceObservationId") { item.sourceObservationID = sourceObservationID?.stringValue }
    }

    /// Creates (or updates by name) the dataset described by the request body.
    private func upsert(_ request: Request, _ context: LanternRequestContext) async throws -> Dataset {
        let principal = try context.principal()
        guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
            throw APIError.badRequest("body: expected a dataset object")
        }
        guard let name = body["name"]?.stringValue, !name.isEmpty else { throw APIError.badRequest("name: is required") }
        var dataset = Dataset(id: UUID().uuidString.lowercased(), projectID: principal.projectID, name: name, createdAt: Date())
        dataset.description = body["description"]?.stringValue
        dataset.metadata = body["metadata"].flatMap { $0 == .null ? nil : $0 }
        dataset.inputSchema = body["inputSchema"].flatMap { $0 == .null ? nil : $0 }
        dataset.expectedOutputSchema = body["expectedOutputSchema"].flatMap { $0 == .null ? nil : $0 }
        return try await service.upsert(principal, dataset)
    }

    /// The legacy (v1) dataset shape: the dataset with its current items and the names of its runs.
    private static func legacyView(_ contents: DatasetService.Contents) -> [String: JSONValue] {
        var object = CatalogPresenters.dataset(contents.dataset)
        object["items"] = .array(contents.items.map { CatalogPresenters.item($0, datasetName: contents.dataset.name) })
        object["runs"] = .array(contents.runNames.map(JSONValue.string))
        return object
    }
}
