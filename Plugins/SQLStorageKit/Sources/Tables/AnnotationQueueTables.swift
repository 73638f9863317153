import LanternPluginSDK

/// The `annotation_queues` table.
package enum AnnotationQueueTable: ProjectScopedTable, WritableTable {
    package static let table = "annotation_queues"
    package static let columns = ["project_id", "id", "name", "description", "score_config_ids", "created_at", "updated_at"]

    package static func values(_ queue: AnnotationQueue, json: JSONColumns) throws -> [SQLValue] {
        [.text(queue.projectID), .text(queue.id), .text(queue.name), .optional(queue.description),
         try json.column(queue.scoreConfigIDs, field: "scoreConfigIds"), .date(queue.createdAt), .date(queue.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> AnnotationQueue {
        let projectID = try row.text()
        let id = try row.text()
        let name = try row.text()
        let description = row.optionalText()
        let scoreConfigIDs = try row.json([String].self, json)
        let createdAt = try row.date()
        let updatedAt = try row.date()
        var queue = AnnotationQueue(id: id, projectID: projectID, name: name, scoreConfigIDs: scoreConfigIDs, createdAt: createdAt)
        queue.description = description
        queue.updatedAt = updatedAt
        return queue
    }
}

/// The `annotation_queue_items` table.
package enum AnnotationQueueItemTable: ProjectScopedTable, WritableTable {
    package static let table = "annotation_queue_items"
    package static let columns = ["project_id", "id", "queue_id", "object_id", "object_type", "status", "completed_at", "created_at", "updated_at"]

    package static func values(_ item: AnnotationQueueItem, json: JSONColumns) throws -> [SQLValue] {
        [.text(item.projectID), .text(item.id), .text(item.queueID), .text(item.objectID), .text(item.objectType.rawValue),
         .text(item.status.rawValue), .optional(item.completedAt), .date(item.createdAt), .date(item.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> AnnotationQueueItem {
        let projectID = try row.text()
        let id = try row.text()
        let queueID = try row.text()
        let objectID = try row.text()
        let objectType = AnnotationQueueItem.ObjectType(rawValue: try row.text())
        let status = AnnotationQueueItem.Status(rawValue: try row.text())
        let completedAt = try row.optionalDate()
        let createdAt = try row.date()
        let updatedAt = try row.date()
        var item = AnnotationQueueItem(id: id, projectID: projectID, queueID: queueID, objectID: objectID, objectType: objectType, createdAt: createdAt)
        item.status = status
        item.completedAt = completedAt
        item.updatedAt = updatedAt
        return item
    }
}
