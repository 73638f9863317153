import Foundation
import LanternPluginSDK

/// Annotation queues, their items and assignments; 501 when the storage does not keep them.
struct AnnotationQueueService: Sendable {
    let kernel: KernelServices

    private func store() throws -> any AnnotationQueueStore { try kernel.capability((any AnnotationQueueStore).self, "annotation queues") }

    /// Creates a queue whose score configs all exist in the project.
    func create(_ principal: Principal, _ draft: AnnotationQueue) async throws -> AnnotationQueue {
        try kernel.authorize(principal, .annotationQueuesWrite)
        var queue = draft
        queue.projectID = principal.projectID
        if let configs = try kernel.storage() as? any ScoreConfigStore {
            for id in queue.scoreConfigIDs where try await configs.scoreConfig(projectID: principal.projectID, id: id) == nil {
                throw APIError.badRequest("scoreConfigIds: no score config \(id) in this project")
            }
        }
        let stored = try await store().saveAnnotationQueue(queue)
        kernel.audit.record(principal, "annotationQueue", stored.id, "created", after: AnnotationQueuePresenter.present(stored))
        return stored
    }

    func list(_ principal: Principal, page: PageRequest) async throws -> Page<AnnotationQueue> {
        try kernel.authorize(principal, .projectRead)
        return try await store().annotationQueues(projectID: principal.projectID, page: page)
    }

    func get(_ principal: Principal, id: String) async throws -> AnnotationQueue {
        try kernel.authorize(principal, .projectRead)
        guard let queue = try await store().annotationQueue(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Annotation queue not found: \(id)")
        }
        return queue
    }

    func items(_ principal: Principal, queueID: String, status: AnnotationQueueItem.Status?, page: PageRequest) async throws -> Page<AnnotationQueueItem> {
        try kernel.authorize(principal, .projectRead)
        let queue = try await get(principal, id: queueID)
        return try await store().annotationQueueItems(projectID: queue.projectID, queueID: queue.id, status: status, page: page)
    }

    func item(_ principal: Principal, queueID: String, id: String) async throws -> AnnotationQueueItem {
        try kernel.authorize(principal, .projectRead)
        let queue = try await get(principal, id: queueID)
        guard let item = try await store().annotationQueueItem(projectID: queue.projectID, queueID: queue.id, id: id) else {
            throw APIError.notFound("Annotation queue item not found: \(id)")
        }
        return item
    }

    /// Adds an item to a queue, with `status` when given.
    func addItem(_ principal: Principal, queueID: String, objectID: String, objectType: AnnotationQueueItem.ObjectType,
                 status: AnnotationQueueItem.Status?) async throws -> AnnotationQueueItem {
        try kernel.authorize(principal, .annotationQueuesWrite)
        let queue = try await get(principal, id: queueID)
        let now = Date()
        var item = AnnotationQueueItem(id: Identifiers.random(), projectID: queue.projectID, queueID: queue.id, objectID: objectID,
                                       objectType: objectType, createdAt: now)
        if let status { Self.set(status, on: &item, at: now) }
        let stored = try await store().saveAnnotationQueueItem(item)
        kernel.audit.record(principal, "annotationQueueItem", stored.id, "created", after: AnnotationQueuePresenter.present(stored))
        return stored
    }

    /// Sets an item's status (nil leaves it); `completedAt` follows it.
    func updateItem(_ principal: Principal, queueID: String, id: String, status: AnnotationQueueItem.Status?) async throws -> AnnotationQueueItem {
        try kernel.authorize(principal, .annotationQueuesWrite)
        let before = try await item(principal, queueID: queueID, id: id)
        var item = before
        if let status { Self.set(status, on: &item, at: Date()) }
        let stored = try await store().saveAnnotationQueueItem(item)
        kernel.audit.record(principal, "annotationQueueItem", id, "updated", before: AnnotationQueuePresenter.present(before),
                            after: AnnotationQueuePresenter.present(stored))
        return stored
    }

    func removeItem(_ principal: Principal, queueID: String, id: String) async throws {
        try kernel.authorize(principal, .annotationQueuesWrite)
        let item = try await item(principal, queueID: queueID, id: id)
        _ = try await store().deleteAnnotationQueueItem(projectID: item.projectID, queueID: item.queueID, id: item.id)
        kernel.audit.record(principal, "annotationQueueItem", id, "deleted", before: AnnotationQueuePresenter.present(item))
    }

    func assign(_ principal: Principal, queueID: String, userID: String) async throws -> AnnotationQueue {
        try kernel.authorize(principal, .annotationQueuesWrite)
        let queue = try await get(principal, id: queueID)
        try await store().assignAnnotationQueue(projectID: queue.projectID, queueID: queue.id, userID: userID)
        kernel.audit.record(principal, "annotationQueueAssignment", "\(queue.id)/\(userID)", "created")
        return queue
    }

    /// Removes an assignment; whether there was one.
    func unassign(_ principal: Principal, queueID: String, userID: String) async throws -> Bool {
        try kernel.authorize(principal, .annotationQueuesWrite)
        let queue = try await get(principal, id: queueID)
        let removed = try await store().unassignAnnotationQueue(projectID: queue.projectID, queueID: queue.id, userID: userID)
        kernel.audit.record(principal, "annotationQueueAssignment", "\(queue.id)/\(userID)", "deleted")
        return removed
    }

    /// Sets the status; `completedAt` follows it.
    private static func set(_ status: AnnotationQueueItem.Status, on item: inout AnnotationQueueItem, at now: Date) {
        item.status = status
        item.completedAt = status == .completed ? (item.completedAt ?? now) : nil
        item.updatedAt = now
    }
}
