/// Annotation queues, their items and their assigned users. An optional capability: a storage that serves them
/// conforms to this protocol as well as ``StorageBackend``; the kernel discovers it with a cast (501 otherwise).
///
/// Contract: queues and items are unique per (project, id) and saved by id keeping `createdAt`; queues list newest
/// first, items oldest first (the order people work through them), both ties by id. Assignments are unique per
/// (project, queue, user); adding one twice is a no-op.
public protocol AnnotationQueueStore: Sendable {
    /// Creates the queue, or replaces the one with the same id (keeping `createdAt`); returns it as stored.
    func saveAnnotationQueue(_ queue: AnnotationQueue) async throws -> AnnotationQueue
    /// The queue, or nil.
    func annotationQueue(projectID: String, id: String) async throws -> AnnotationQueue?
    /// A page of queues, newest first.
    func annotationQueues(projectID: String, page: PageRequest) async throws -> Page<AnnotationQueue>
    /// Creates the item, or replaces the one with the same id (keeping `createdAt`); returns it as stored.
    func saveAnnotationQueueItem(_ item: AnnotationQueueItem) async throws -> AnnotationQueueItem
    /// The item of a queue, or nil.
    func annotationQueueItem(projectID: String, queueID: String, id: String) async throws -> AnnotationQueueItem?
    /// A page of a queue's items (with this status when given), oldest first.
    func annotationQueueItems(projectID: String, queueID: String, status: AnnotationQueueItem.Status?,
                              page: PageRequest) async throws -> Page<AnnotationQueueItem>
    /// Deletes an item of a queue; false when it did not exist.
    func deleteAnnotationQueueItem(projectID: String, queueID: String, id: String) async throws -> Bool
    /// Assigns a user to a queue (idempotent).
    func assignAnnotationQueue(projectID: String, queueID: String, userID: String) async throws
    /// Removes a user's assignment; false when there was none.
    func unassignAnnotationQueue(projectID: String, queueID: String, userID: String) async throws -> Bool
    /// The users assigned to a queue, sorted.
    func annotationQueueAssignees(projectID: String, queueID: String) async throws -> [String]
}
