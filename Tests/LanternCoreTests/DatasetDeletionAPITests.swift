import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `DELETE /api/public/datasets/{name}/runs/{runName}` and `DELETE /api/public/dataset-items/{id}`, in process.
@Suite("Dataset run and item deletion in process")
struct DatasetDeletionAPITests {
    let harness = APIHarness()

    @Test func runsAndItemsAreDeleted() async throws {
        try await harness.withServer { client, _ in
            #expect(try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "ds"]).status == .ok, "create the dataset")
            #expect(try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "ds", "id": "item-1", "input": "q"]).status == .ok,
                    "create an item")
            #expect(try await harness.send(client, .post, "/api/public/dataset-run-items", ["runName": "r1", "datasetItemId": "item-1", "traceId": "t1"])
                .status == .ok, "create a run through a run item")
            #expect(try await harness.send(client, .delete, "/api/public/datasets/ds/runs/r1", auth: APIHarness.beta).status == .notFound,
                    "another project cannot delete it")
            let deleted = try await harness.send(client, .delete, "/api/public/datasets/ds/runs/r1")
            #expect(try harness.json(deleted).objectValue?["message"] == "Dataset run successfully deleted", "run deleted")
            #expect(try await harness.send(client, .get, "/api/public/datasets/ds/runs/r1").status == .notFound, "the run is gone")
            #expect(try await harness.send(client, .delete, "/api/public/datasets/ds/runs/r1").status == .notFound, "delete again: 404")
            #expect(try await harness.send(client, .delete, "/api/public/dataset-items/item-1").status == .ok, "item deleted")
            #expect(try await harness.send(client, .get, "/api/public/dataset-items/item-1").status == .notFound, "the item is gone")
            #expect(try await harness.send(client, .delete, "/api/public/dataset-items/item-1").status == .notFound, "delete again: 404")
        }
    }
}
