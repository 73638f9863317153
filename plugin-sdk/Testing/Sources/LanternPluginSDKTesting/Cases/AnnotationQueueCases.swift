import Foundation
import LanternPluginSDK

/// AnnotationQueueStore: queues, items by status oldest first, deletion, idempotent assignments.
enum AnnotationQueueCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("annotation queues: queues, items, statuses and assignments", needs: .annotationQueues) { c in
            let store = try c.require(c.storage as? any AnnotationQueueStore, "the storage conforms to AnnotationQueueStore")
            var queue = AnnotationQueue(id: "q1", projectID: c.projectID, name: "review", scoreConfigIDs: ["cfg-1", "cfg-2"], createdAt: c.at(1))
            queue.description = "weekly review"
            c.expectEqual(try await store.saveAnnotationQueue(queue), queue, "saved queue")
            _ = try await store.saveAnnotationQueue(AnnotationQueue(id: "q2", projectID: c.projectID, name: "later", scoreConfigIDs: [], createdAt: c.at(2)))
            c.expectEqual(try await store.annotationQueue(projectID: c.projectID, id: "q1"), queue, "queue read back")
            c.expectEqual(try await store.annotationQueues(projectID: c.projectID, page: PageRequest()).items.map(\.id), ["q2", "q1"], "queues newest first")
            for (index, id) in ["i2", "i1", "i3"].enumerated() {
                _ = try await store.saveAnnotationQueueItem(AnnotationQueueItem(id: id, projectID: c.projectID, queueID: "q1", objectID: "t\(index)",
                                                                                objectType: .trace, createdAt: c.at(Double(10 + index))))
            }
            var done = try c.require(try await store.annotationQueueItem(projectID: c.projectID, queueID: "q1", id: "i1"), "item i1")
            done.status = .completed
            done.completedAt = c.at(30)
            done.createdAt = c.at(99)
            c.expectEqual(try await store.saveAnnotationQueueItem(done).createdAt, c.at(11), "createdAt kept by a replace")
            func items(_ status: AnnotationQueueItem.Status?) async throws -> [String] {
                try await store.annotationQueueItems(projectID: c.projectID, queueID: "q1", status: status, page: PageRequest()).items.map(\.id)
            }
            c.expectEqual(try await items(nil), ["i2", "i1", "i3"], "items oldest first")
            c.expectEqual(try await items(.pending), ["i2", "i3"], "pending items")
            c.expectEqual(try await items(.completed), ["i1"], "completed items")
            c.expectEqual(try await store.annotationQueueItem(projectID: c.projectID, queueID: "q1", id: "i1")?.completedAt, c.at(30), "completedAt")
            c.expect(try await store.annotationQueueItem(projectID: c.projectID, queueID: "q2", id: "i1") == nil, "an item is found only in its queue")
            c.expectEqual(try await store.deleteAnnotationQueueItem(projectID: c.projectID, queueID: "q1", id: "i2"), true, "delete an item")
            c.expectEqual(try await store.deleteAnnotationQueueItem(projectID: c.projectID, queueID: "q1", id: "i2"), false, "delete it again")
            try await store.assignAnnotationQueue(projectID: c.projectID, queueID: "q1", userID: "bob")
            try await store.assignAnnotationQueue(projectID: c.projectID, queueID: "q1", userID: "ann")
            try await store.assignAnnotationQueue(projectID: c.projectID, queueID: "q1", userID: "bob")
            c.expectEqual(try await store.annotationQueueAssignees(projectID: c.projectID, queueID: "q1"), ["ann", "bob"], "assignees, once each")
            c.expectEqual(try await store.unassignAnnotationQueue(projectID: c.projectID, queueID: "q1", userID: "bob"), true, "unassign")
            c.expectEqual(try await store.unassignAnnotationQueue(projectID: c.projectID, queueID: "q1", userID: "bob"), false, "unassign again")
            c.expect(try await store.annotationQueue(projectID: c.otherProjectID, id: "q1") == nil, "another project does not see the queue")
        },
    ]
}
