import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Annotation queues, their items and assignments, in process over the real SQLite plugin.
@Suite("Annotation queues in process")
struct AnnotationQueueAPITests {
    let harness = APIHarness()

    @Test func queuesItemsAndAssignments() async throws {
        try await harness.withServer { client, _ in
            let config = try harness.json(try await harness.send(client, .post, "/api/public/score-configs", ["name": "quality", "dataType": "NUMERIC"]))
            let configID = config.objectValue?["id"] ?? .null
            let created = try await harness.send(client, .post, "/api/public/annotation-queues",
                                                 ["name": "review", "description": "d", "scoreConfigIds": [configID]])
            #expect(created.status == .ok, "create a queue")
            let queue = try harness.json(created).objectValue ?? [:]
            let queueID = queue["id"]?.stringValue ?? ""
            #expect(queue["scoreConfigIds"] == [configID], "scoreConfigIds")
            let bad = try await harness.send(client, .post, "/api/public/annotation-queues", ["name": "x", "scoreConfigIds": ["nope"]])
            #expect(bad.status == .badRequest, "an unknown score config is refused")
            let base = "/api/public/annotation-queues/\(queueID)"
            let item = try harness.json(try await harness.send(client, .post, "\(base)/items", ["objectId": "t1", "objectType": "TRACE"])).objectValue
            #expect(item?["status"] == "PENDING" && item?["completedAt"] == .null, "a new item is pending")
            let itemID = item?["id"]?.stringValue ?? ""
            let done = try harness.json(try await harness.send(client, .patch, "\(base)/items/\(itemID)", ["status": "COMPLETED"])).objectValue
            #expect(done?["status"] == "COMPLETED" && done?["completedAt"] != .null, "PATCH completes it")
            let pending = try harness.json(try await harness.send(client, .get, "\(base)/items?status=PENDING")).objectValue
            #expect(pending?["data"] == [], "no pending item left")
            #expect(try await harness.send(client, .post, "\(base)/items", ["objectId": "t1", "objectType": "DATASET"]).status == .badRequest,
                    "objectType is checked")
            let assigned = try harness.json(try await harness.send(client, .post, "\(base)/assignments", ["userId": "ann"])).objectValue
            #expect(assigned?["userId"] == "ann" && assigned?["queueId"] == .string(queueID), "assignment answer")
            #expect(try harness.json(try await harness.send(client, .delete, "\(base)/assignments", ["userId": "ann"])).objectValue?["success"] == true,
                    "unassign")
            #expect(try harness.json(try await harness.send(client, .delete, "\(base)/items/\(itemID)")).objectValue?["success"] == true, "delete the item")
            #expect(try await harness.send(client, .get, "\(base)/items/\(itemID)").status == .notFound, "the item is gone")
            #expect(try await harness.send(client, .get, base, auth: APIHarness.beta).status == .notFound, "another project cannot see the queue")
            let list = try harness.json(try await harness.send(client, .get, "/api/public/annotation-queues")).objectValue
            #expect(list?["meta"]?.objectValue?["totalItems"] == 1, "queue list")
        }
    }
}
