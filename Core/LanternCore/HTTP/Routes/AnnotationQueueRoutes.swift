import Foundation
import Hummingbird
import LanternPluginSDK

/// Annotation queues (contract §10): `GET/POST /api/public/annotation-queues`, `GET …/{queueId}`, items under
/// `…/{queueId}/items[/{itemId}]` (GET, POST, PATCH status, DELETE) and `POST/DELETE …/{queueId}/assignments`.
/// 501 when the storage plugin does not serve annotation queues.
struct AnnotationQueueRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/annotation-queues", use: list)
        group.post("/annotation-queues", use: create)
        group.get("/annotation-queues/:queueId", use: get)
        group.get("/annotation-queues/:queueId/items", use: items)
        group.post("/annotation-queues/:queueId/items", use: addItem)
        group.get("/annotation-queues/:queueId/items/:itemId", use: item)
        group.patch("/annotation-queues/:queueId/items/:itemId", use: updateItem)
        group.delete("/annotation-queues/:queueId/items/:itemId", use: removeItem)
        group.post("/annotation-queues/:queueId/assignments", use: assign)
        group.delete("/annotation-queues/:queueId/assignments", use: unassign)
    }

    private var service: AnnotationQueueService { support.services.annotationQueues }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let page = try await service.list(try context.principal(), page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(page, AnnotationQueuePresenter.present))
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        var reader = try await body(request)
        let name = reader.string("name")
        let description = reader.string("description")
        let configIDs = reader.strings("scoreConfigIds") ?? []
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let name, !name.isEmpty else { throw APIError.badRequest("name: is required") }
        var queue = AnnotationQueue(id: Identifiers.random(), projectID: principal.projectID, name: name, scoreConfigIDs: configIDs, createdAt: Date())
        queue.description = description
        return JSONResponse.make(.ok, AnnotationQueuePresenter.present(try await service.create(principal, queue)))
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        JSONResponse.make(.ok, AnnotationQueuePresenter.present(try await service.get(try context.principal(), id: try queueID(context))))
    }

    @Sendable func items(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        let status = try reader.oneOf("status", AnnotationQueueItem.Status.all.map(\.rawValue)).map(AnnotationQueueItem.Status.init(rawValue:))
        let page = try await service.items(try context.principal(), queueID: try queueID(context), status: status, page: try reader.page())
        return JSONResponse.make(.ok, Presenters.page(page, AnnotationQueuePresenter.present))
    }

    @Sendable func addItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let queueID = try queueID(context)
        var reader = try await body(request)
        let objectID = reader.string("objectId")
        let typeText = reader.string("objectType")
        let statusText = reader.string("status")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let objectID, !objectID.isEmpty else { throw APIError.badRequest("objectId: is required") }
        guard let typeText, let type = AnnotationQueueItem.ObjectType.all.first(where: { $0.rawValue == typeText.uppercased() }) else {
            throw APIError.badRequest("objectType: must be one of \(AnnotationQueueItem.ObjectType.all.map(\.rawValue).joined(separator: ", "))")
        }
        let item = try await service.addItem(principal, queueID: queueID, objectID: objectID, objectType: type,
                                             status: try statusText.map(Self.status))
        return JSONResponse.make(.ok, AnnotationQueuePresenter.present(item))
    }

    @Sendable func item(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let item = try await service.item(try context.principal(), queueID: try queueID(context), id: try support.parameter("itemId", context))
        return JSONResponse.make(.ok, AnnotationQueuePresenter.present(item))
    }

    @Sendable func updateItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let queueID = try queueID(context), itemID = try support.parameter("itemId", context)
        var reader = try await body(request)
        let statusText = reader.string("status")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        let item = try await service.updateItem(principal, queueID: queueID, id: itemID, status: try statusText.map(Self.status))
        return JSONResponse.make(.ok, AnnotationQueuePresenter.present(item))
    }

    @Sendable func removeItem(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await service.removeItem(try context.principal(), queueID: try queueID(context), id: try support.parameter("itemId", context))
        return JSONResponse.make(.ok, ["success": true, "message": "Item removed from the queue"])
    }

    @Sendable func assign(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let queueID = try queueID(context)
        let userID = try await assignee(request)
        let queue = try await service.assign(principal, queueID: queueID, userID: userID)
        return JSONResponse.make(.ok, ["userId": .string(userID), "queueId": .string(queue.id), "projectId": .string(queue.projectID)])
    }

    @Sendable func unassign(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let queueID = try queueID(context)
        let removed = try await service.unassign(principal, queueID: queueID, userID: try await assignee(request))
        return JSONResponse.make(.ok, ["success": .bool(removed)])
    }

    private func queueID(_ context: LanternRequestContext) throws -> String { try support.parameter("queueId", context) }

    private func body(_ request: Request) async throws -> BodyReader {
        guard case .object(let object) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
            throw APIError.badRequest("body: must be a JSON object")
        }
        return BodyReader(object)
    }

    private func assignee(_ request: Request) async throws -> String {
        var reader = try await body(request)
        let userID = reader.string("userId")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let userID, !userID.isEmpty else { throw APIError.badRequest("userId: is required") }
        return userID
    }

    private static func status(_ text: String) throws -> AnnotationQueueItem.Status {
        guard let status = AnnotationQueueItem.Status.all.first(where: { $0.rawValue == text.uppercased() }) else {
            throw APIError.badRequest("status: must be PENDING or COMPLETED (got \(text))")
        }
        return status
    }
}

/// The public API's `AnnotationQueue` and `AnnotationQueueItem` objects.
enum AnnotationQueuePresenter {
    /// `AnnotationQueue`.
    static func present(_ queue: AnnotationQueue) -> JSONValue {
        ["id": .string(queue.id), "name": .string(queue.name), "description": Presenters.string(queue.description),
         "scoreConfigIds": .array(queue.scoreConfigIDs.map(JSONValue.string)), "projectId": .string(queue.projectID),
         "createdAt": Presenters.date(queue.createdAt), "updatedAt": Presenters.date(queue.updatedAt)]
    }

    /// `AnnotationQueueItem`.
    static func present(_ item: AnnotationQueueItem) -> JSONValue {
        ["id": .string(item.id), "queueId": .string(item.queueID), "objectId": .string(item.objectID),
         "objectType": .string(item.objectType.rawValue), "status": .string(item.status.rawValue),
         "completedAt": Presenters.date(item.completedAt), "createdAt": Presenters.date(item.createdAt), "updatedAt": Presenters.date(item.updatedAt)]
    }
}
