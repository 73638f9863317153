import Foundation
import Hummingbird
import LanternPluginSDK

/// Datasets and their items (`/v2/datasets`, legacy `/datasets` and `/datasets/{name}`, `/dataset-items`).
struct DatasetRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/v2/datasets") { request, context in
            JSONResponse.make(.ok, .object(CatalogPresenters.dataset(try await create(request, context))))
        }
        group.post("/datasets") { request, context in
            JSONResponse.make(.ok, .object(try await legacyView(try await create(request, context), context)))
        }
        group.get("/v2/datasets") { request, context in
            let page = try await support.storage().datasets(projectID: try context.requireProject(), page: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page) { .object(CatalogPresenters.dataset($0)) })
        }
        group.get("/v2/datasets/:name") { _, context in
            let dataset = try await lookup(try support.parameter("name", context), context)
            return JSONResponse.make(.ok, .object(CatalogPresenters.dataset(dataset)))
        }
        group.get("/datasets") { request, context in
            let page = try await support.storage().datasets(projectID: try context.requireProject(), page: try QueryReader(request).page())
            var views: [JSONValue] = []
            for dataset in page.items { views.append(.object(try await legacyView(dataset, context))) }
            return JSONResponse.make(.ok, Presenters.page(Page(items: views, totalItems: page.totalItems, request: page.request)) { $0 })
        }
        group.get("/datasets/:name") { _, context in
            let dataset = try await lookup(try support.parameter("name", context), context)
            return JSONResponse.make(.ok, .object(try await legacyView(dataset, context)))
        }
        group.post("/dataset-items") { request, context in
            let projectID = try context.requireProject()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: 4_718_592) else {
                throw APIError.badRequest("body: expected a dataset item object")
            }
            guard let datasetName = body["datasetName"]?.stringValue else { throw APIError.badRequest("datasetName: is required") }
            let dataset = try await lookup(datasetName, context)
            let id = body["id"]?.stringValue ?? UUID().uuidString.lowercased()
            let existing = try await support.storage().datasetItem(projectID: projectID, id: id)
            var item = existing ?? DatasetItem(id: id, projectID: projectID, datasetID: dataset.id, createdAt: Date())
            item.datasetID = dataset.id
            item.updatedAt = Date()
            try Self.apply(body, to: &item)
            do {
                let stored = try await support.storage().upsertDatasetItem(item)
                return JSONResponse.make(.ok, CatalogPresenters.item(stored, datasetName: dataset.name))
            } catch StorageError.conflict(let reason) {
                throw APIError.badRequest(reason)
            }
        }
        group.get("/dataset-items") { request, context in
            let projectID = try context.requireProject()
            let reader = QueryReader(request)
            let storage = try support.storage()
            var names: [String: String] = [:]
            var query = DatasetItemQuery(sourceTraceID: reader.string("sourceTraceId"), sourceObservationID: reader.string("sourceObservationId"),
                                         asOf: try reader.date("version"))
            if let datasetName = reader.string("datasetName") {
                let dataset = try await lookup(datasetName, context)
                query.datasetID = dataset.id
                names[dataset.id] = dataset.name
            } else if query.asOf != nil {
                throw APIError.badRequest("version: requires datasetName")
            }
            let page = try await storage.datasetItems(projectID: projectID, query: query, page: try reader.page())
            for item in page.items where names[item.datasetID] == nil {
                names[item.datasetID] = try await storage.dataset(projectID: projectID, id: item.datasetID)?.name ?? ""
            }
            return JSONResponse.make(.ok, Presenters.page(page) { CatalogPresenters.item($0, datasetName: names[$0.datasetID] ?? "") })
        }
        group.get("/dataset-items/:id") { _, context in
            let projectID = try context.requireProject()
            let storage = try support.storage()
            guard let item = try await storage.datasetItem(projectID: projectID, id: try support.parameter("id", context)) else {
                throw APIError.notFound("Dataset item not found")
            }
            let name = try await storage.dataset(projectID: projectID, id: item.datasetID)?.name ?? ""
            return JSONResponse.make(.ok, CatalogPresenters.item(item, datasetName: name))
        }
        group.delete("/dataset-items/:id") { _, context in
            let id = try support.parameter("id", context)
            guard try await support.storage().deleteDatasetItem(projectID: try context.requireProject(), id: id) else {
                throw APIError.notFound("Dataset item not found")
            }
            return JSONResponse.make(.ok, ["message": "Dataset item successfully deleted"])
        }
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
    private func create(_ request: Request, _ context: LanternRequestContext) async throws -> Dataset {
        let projectID = try context.requireProject()
        guard case .object(let body) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
            throw APIError.badRequest("body: expected a dataset object")
        }
        guard let name = body["name"]?.stringValue, !name.isEmpty else { throw APIError.badRequest("name: is required") }
        var dataset = Dataset(id: UUID().uuidString.lowercased(), projectID: projectID, name: name, createdAt: Date())
        dataset.description = body["description"]?.stringValue
        dataset.metadata = body["metadata"].flatMap { $0 == .null ? nil : $0 }
        dataset.inputSchema = body["inputSchema"].flatMap { $0 == .null ? nil : $0 }
        dataset.expectedOutputSchema = body["expectedOutputSchema"].flatMap { $0 == .null ? nil : $0 }
        return try await support.storage().upsertDataset(dataset)
    }

    /// The legacy (v1) dataset shape: the dataset with its current items and the names of its runs.
    private func legacyView(_ dataset: Dataset, _ context: LanternRequestContext) async throws -> [String: JSONValue] {
        let projectID = try context.requireProject()
        let storage = try support.storage()
        let everything = PageRequest(page: 1, limit: 10_000)
        let items = try await storage.datasetItems(projectID: projectID, query: DatasetItemQuery(datasetID: dataset.id), page: everything)
        let runs = try await storage.datasetRuns(projectID: projectID, datasetID: dataset.id, page: everything)
        var object = CatalogPresenters.dataset(dataset)
        object["items"] = .array(items.items.map { CatalogPresenters.item($0, datasetName: dataset.name) })
        object["runs"] = .array(runs.items.map { .string($0.name) })
        return object
    }

    private func lookup(_ name: String, _ context: LanternRequestContext) async throws -> Dataset {
        guard let dataset = try await support.storage().dataset(projectID: try context.requireProject(), name: name) else {
            throw APIError.notFound("Dataset not found: '\(name)'")
        }
        return dataset
    }
}
