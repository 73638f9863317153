import LanternPluginSDK

extension SQLStorage {
    /// Creates the queue, or replaces the one with the same id (keeping `createdAt`); returns it as stored.
    public func saveAnnotationQueue(_ queue: AnnotationQueue) async throws -> AnnotationQueue {
        try await write {
            try Connection.saveKeepingCreation(queue, in: AnnotationQueueTable.self, projectID: queue.projectID, id: queue.id,
                                               createdAt: \.createdAt, fetcher: $0)
        }
    }

    /// The queue, or nil.
    public func annotationQueue(projectID: String, id: String) async throws -> AnnotationQueue? {
        try await read { try $0.row(AnnotationQueueTable.self, projectID: projectID, id: id) }
    }

    /// A page of queues, newest first.
    public func annotationQueues(projectID: String, page: PageRequest) async throws -> Page<AnnotationQueue> {
        try await read { try $0.page(AnnotationQueueTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page) }
    }

    /// Creates the item, or replaces the one with the same id (keeping `createdAt`); returns it as stored.
    public func saveAnnotationQueueItem(_ item: AnnotationQueueItem) async throws -> AnnotationQueueItem {
        try await write {
            try Connection.saveKeepingCreation(item, in: AnnotationQueueItemTable.self, projectID: item.projectID, id: item.id,
                                               createdAt: \.createdAt, fetcher: $0)
        }
    }

    /// The item of a queue, or nil.
    public func annotationQueueItem(projectID: String, queueID: String, id: String) async throws -> AnnotationQueueItem? {
        try await read { try $0.row(AnnotationQueueItemTable.self, projectID: projectID, id: id) }.flatMap { $0.queueID == queueID ? $0 : nil }
    }

    /// A page of a queue's items (with this status when given), oldest first.
    public func annotationQueueItems(projectID: String, queueID: String, status: AnnotationQueueItem.Status?,
                                     page: PageRequest) async throws -> Page<AnnotationQueueItem> {
        try await read { fetcher in
            var filter = SQLFilter(projectID: projectID)
            filter.equal("queue_id", queueID)
            filter.equal("status", status?.rawValue)
            return try fetcher.page(AnnotationQueueItemTable.self, where: filter, orderBy: "created_at, id", request: page)
        }
    }

    /// Deletes an item of a queue; false when it did not exist.
    public func deleteAnnotationQueueItem(projectID: String, queueID: String, id: String) async throws -> Bool {
        try await write {
            try $0.connection.run("DELETE FROM annotation_queue_items WHERE project_id = ? AND queue_id = ? AND id = ?",
                                  [.text(projectID), .text(queueID), .text(id)]) > 0
        }
    }

    /// Assigns a user to a queue (idempotent).
    public func assignAnnotationQueue(projectID: String, queueID: String, userID: String) async throws {
        try await write {
            _ = try $0.connection.run("INSERT INTO annotation_queue_assignments (project_id, queue_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                      [.text(projectID), .text(queueID), .text(userID)])
        }
    }

    /// Removes a user's assignment; false when there was none.
    public func unassignAnnotationQueue(projectID: String, queueID: String, userID: String) async throws -> Bool {
        try await write {
            try $0.connection.run("DELETE FROM annotation_queue_assignments WHERE project_id = ? AND queue_id = ? AND user_id = ?",
                                  [.text(projectID), .text(queueID), .text(userID)]) > 0
        }
    }

    /// The users assigned to a queue, sorted.
    public func annotationQueueAssignees(projectID: String, queueID: String) async throws -> [String] {
        try await read {
            try $0.rows("SELECT user_id FROM annotation_queue_assignments WHERE project_id = ? AND queue_id = ? ORDER BY user_id",
                        [.text(projectID), .text(queueID)]) { $0.text(at: 0) }
        }
    }
}
