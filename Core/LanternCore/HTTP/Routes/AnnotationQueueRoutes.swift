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
        group.get("/annotation-queues") { request, context in
            let page = try await queues().annotationQueues(projectID: try context.requireProject(), page: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page, Self.present))
        }
        group.post("/annotation-queues") { request, context in
            let projectID = try context.requireProject()
            var reader = try await body(request)
            let name = reader.string("name")
            let description = reader.string("description")
            let configIDs = reader.strings("scoreConfigIds") ?? []
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            guard let name, !name.isEmpty else { throw APIError.badRequest("name: is required") }
            if let configs = try support.storage() as? any ScoreConfigStore {
                for id in configIDs where try await configs.scoreConfig(projectID: projectID, id: id) == nil {
                    throw APIError.badRequest("scoreConfigIds: no score config \(id) in this project")
                }
            }
            var queue = AnnotationQueue(id: Identifiers.random(), projectID: projectID, name: name, scoreConfigIDs: configIDs, createdAt: Date())
            queue.description = description
            return JSONResponse.make(.ok, Self.present(try await queues().saveAnnotationQueue(queue)))
        }
        group.get("/annotation-queues/:queueId") { _, context in
            JSONResponse.make(.ok, Self.present(try await queue(context)))
        }
        group.get("/annotation-queues/:queueId/items") { request, context in
            let queue = try await queue(context)
            let reader = QueryReader(request)
            let status = try reader.oneOf("status", AnnotationQueueItem.Status.all.map(\.rawValue)).map(AnnotationQueueItem.Status.init(rawValue:))
            let page = try await queues().annotationQueueItems(projectID: queue.projectID, queueID: queue.id, status: status, page: try reader.page())
            return JSONResponse.make(.ok, Presenters.page(page, Self.present))
        }
        group.post("/annotation-queues/:queueId/items") { request, context in
            let queue = try await queue(context)
            var reader = try await body(request)
            let objectID = reader.string("objectId")
            let typeText = reader.string("objectType")
            let statusText = reader.string("status")
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            guard let objectID, !objectID.isEmpty else { throw APIError.badRequest("objectId: is required") }
            guard let typeText, let type = AnnotationQueueItem.ObjectType.all.first(where: { $0.rawValue == typeText.uppercased() }) else {
                throw APIError.badRequest("objectType: must be one of \(AnnotationQueueItem.ObjectType.all.map(\.rawValue).joined(separator: ", "))")
            }
            let now = Date()
            var item = AnnotationQueueItem(id: Identifiers.random(), projectID: queue.projectID, queueID: queue.id, objectID: objectID,
                                           objectType: type, createdAt: now)
            if let statusText { Self.set(try Self.status(statusText), on: &item, at: now) }
            return JSONResponse.make(.ok, Self.present(try await queues().saveAnnotationQueueItem(item)))
        }
        group.get("/annotation-queues/:queueId/items/:itemId") { _, context in
            JSONResponse.make(.ok, Self.present(try await item(context)))
        }
        group.patch("/annotation-queues/:queueId/items/:itemId") { request, context in
            var item = try await item(context)
            var reader = try await body(request)
            let statusText = reader.string("status")
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            if let statusText { Self.set(try Self.status(statusText), on: &item, at: Date()) }
            return JSONResponse.make(.ok, Self.present(try await queues().saveAnnotationQueueItem(item)))
        }
        group.delete("/annotation-queues/:queueId/items/:itemId") { _, context in
            let item = try await item(context)
            _ = try await queues().deleteAnnotationQueueItem(projectID: item.projectID, queueID: item.queueID, id: item.id)
            return JSONResponse.make(.ok, ["success": true, "message": "Item removed from the queue"])
        }
        group.post("/annotation-queues/:queueId/assignments") { request, context in
            let queue = try await queue(context)
            let userID = try await assignee(request)
            try await queues().assignAnnotationQueue(projectID: queue.projectID, queueID: queue.id, userID: userID)
            return JSONResponse.make(.ok, ["userId": .string(userID), "queueId": .string(queue.id), "projectId": .string(queue.projectID)])
        }
        group.delete("/annotation-queues/:queueId/assignments") { request, context in
            let queue = try await queue(context)
            let userID = try await assignee(request)
            let removed = try await queues().unassignAnnotationQueue(projectID: queue.projectID, queueID: queue.id, userID: userID)
            return JSONResponse.make(.ok, ["success": .bool(removed)])
        }
    }

    private func queues() throws -> any AnnotationQueueStore {
        guard let store = try support.storage() as? any AnnotationQueueStore else {
            throw APIError.notImplemented("The storage plugin does not support annotation queues")
        }
        return store
    }

    private func queue(_ context: LanternRequestContext) async throws -> AnnotationQueue {
        let id = try support.parameter("queueId", context)
        guard let queue = try await queues().annotationQueue(projectID: try context.requireProject(), id: id) else {
            throw APIError.notFound("Annotation queue not found: \(id)")
        }
        return queue
    }

    private func item(_ context: LanternRequestContext) async throws -> AnnotationQueueItem {
        let queue = try await queue(context)
        let id = try support.parameter("itemId", context)
        guard let item = try await queues().annotationQueueItem(projectID: queue.projectID, queueID: queue.id, id: id) else {
            throw APIError.notFound("Annotation queue item not found: \(id)")
        }
        return item
    }

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

    /// Sets the status; `completedAt` follows it.
    private static func set(_ status: AnnotationQueueItem.Status, on item: inout AnnotationQueueItem, at now: Date) {
        item.status = status
        item.completedAt = status == .completed ? (item.completedAt ?? now) : nil
        item.updatedAt = now
    }

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
