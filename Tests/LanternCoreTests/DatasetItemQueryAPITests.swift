import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Dataset item filters and point-in-time versions, the legacy dataset routes and the deprecated run-item list, in process.
@Suite("Dataset item queries and legacy dataset routes in process")
struct DatasetItemQueryAPITests {
    let harness = APIHarness()

    @Test func itemsFilterBySourceAndVersion() async throws {
        try await harness.withServer { client, _ in
            #expect(try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "ds"]).status == .ok, "create the dataset")
            _ = try await harness.send(client, .post, "/api/public/dataset-items",
                                       ["datasetName": "ds", "id": "a", "expectedOutput": "v1", "sourceTraceId": "t-a"])
            _ = try await harness.send(client, .post, "/api/public/dataset-items",
                                       ["datasetName": "ds", "id": "b", "sourceTraceId": "t-b", "sourceObservationId": "o-b"])
            let beforeChange = Date()
            try await Task.sleep(for: .milliseconds(20))
            _ = try await harness.send(client, .post, "/api/public/dataset-items",
                                       ["datasetName": "ds", "id": "a", "expectedOutput": "v2", "status": "ARCHIVED"])
            #expect(try await harness.send(client, .delete, "/api/public/dataset-items/b").status == .ok, "delete b")

            func ids(_ query: String) async throws -> [String] {
                let response = try await harness.send(client, .get, "/api/public/dataset-items?\(query)")
                #expect(response.status == .ok, "GET dataset-items?\(query)")
                return try harness.json(response)["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(try await ids("datasetName=ds") == ["a"], "current items: b is deleted")
            #expect(try await ids("sourceTraceId=t-a") == ["a"], "by source trace")
            #expect(try await ids("datasetName=ds&sourceObservationId=o-b") == [], "b is deleted now")
            let version = ISO8601Timestamp.format(beforeChange).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            #expect(try await ids("datasetName=ds&version=\(version)") == ["a", "b"], "before the change both existed")
            #expect(try await ids("datasetName=ds&sourceObservationId=o-b&version=\(version)") == ["b"], "filters apply to versions")
            let old = try harness.json(try await harness.send(client, .get, "/api/public/dataset-items?datasetName=ds&version=\(version)"))
            let first = old["data"]?.arrayValue?.first
            #expect(first?["expectedOutput"] == "v1", "the version as it was")
            #expect(first?["status"] == "ACTIVE", "not yet archived")

            let noName = try await harness.send(client, .get, "/api/public/dataset-items?version=\(version)")
            #expect(noName.status == .badRequest, "version without datasetName")
            #expect(try harness.json(noName)["message"]?.stringValue?.contains("version: requires datasetName") == true, "message names the rule")
            let badDate = try await harness.send(client, .get, "/api/public/dataset-items?datasetName=ds&version=yesterday")
            #expect(badDate.status == .badRequest, "an unparseable version")
            #expect(try harness.json(badDate)["message"]?.stringValue?.contains("version") == true, "message names version")
        }
    }

    @Test func legacyDatasetRoutes() async throws {
        try await harness.withServer { client, _ in
            let created = try await harness.send(client, .post, "/api/public/datasets", ["name": "legacy", "description": "old client"])
            #expect(created.status == .ok, "POST /datasets creates")
            let body = try harness.json(created)
            #expect(body["name"] == "legacy" && body["description"] == "old client", "fields echoed")
            #expect(body["items"] == [] && body["runs"] == [], "v1 shape: items and runs")
            _ = try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "legacy", "id": "i1", "input": "q"])
            _ = try await harness.send(client, .post, "/api/public/dataset-run-items", ["runName": "r1", "datasetItemId": "i1", "traceId": "t1"])
            _ = try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "second"])
            let list = try harness.json(try await harness.send(client, .get, "/api/public/datasets?limit=1"))
            #expect(list["meta"]?["totalItems"] == 2, "two datasets")
            #expect(list["data"]?.arrayValue?.count == 1, "limit 1")
            let all = try harness.json(try await harness.send(client, .get, "/api/public/datasets"))
            let legacy = all["data"]?.arrayValue?.first { $0["name"] == "legacy" }
            #expect(legacy?["items"]?.arrayValue?.map { $0["id"] } == ["i1"], "items listed")
            #expect(legacy?["runs"] == ["r1"], "run names listed")
            #expect(try await harness.send(client, .post, "/api/public/datasets", ["description": "no name"]).status == .badRequest, "name required")
        }
    }

    @Test func runItemTakesItsTraceFromTheObservation() async throws {
        try await harness.withServer { client, _ in
            _ = try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "ds"])
            _ = try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "ds", "id": "i1"])
            let span: JSONValue = ["batch": [["id": "e1", "type": "span-create", "timestamp": "2026-06-01T12:00:00Z",
                                              "body": ["id": "o-x", "traceId": "t-x", "startTime": "2026-06-01T12:00:00Z"]]]]
            _ = try await harness.send(client, .post, "/api/public/ingestion", span)
            let created = try await harness.send(client, .post, "/api/public/dataset-run-items", ["runName": "r", "datasetItemId": "i1", "observationId": "o-x"])
            #expect(created.status == .ok, "observationId alone")
            #expect(try harness.json(created).objectValue?["traceId"] == "t-x", "the observation's trace")
            let neither = try await harness.send(client, .post, "/api/public/dataset-run-items", ["runName": "r", "datasetItemId": "i1"])
            #expect(neither.status == .badRequest, "no trace at all")
            #expect(try harness.json(neither).objectValue?["message"]?.stringValue?.contains("traceId") == true, "names traceId")
        }
    }

    @Test func deprecatedRunItemList() async throws {
        try await harness.withServer { client, _ in
            let dataset = try harness.json(try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "ds"]))
            let datasetID = dataset["id"]?.stringValue ?? ""
            for index in 1...3 {
                _ = try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "ds", "id": .string("i\(index)")])
                _ = try await harness.send(client, .post, "/api/public/dataset-run-items",
                                           ["runName": "r1", "datasetItemId": .string("i\(index)"), "traceId": .string("t\(index)")])
            }
            let page = try harness.json(try await harness.send(client, .get, "/api/public/dataset-run-items?datasetId=\(datasetID)&runName=r1&page=2&limit=2"))
            #expect(page["meta"]?["totalItems"] == 3, "three run items")
            #expect(page["data"]?.arrayValue?.map { $0["traceId"] } == ["t3"], "second page of two")
            #expect(page["data"]?.arrayValue?.first?["datasetRunName"] == "r1", "run name on each item")
            let missing = try await harness.send(client, .get, "/api/public/dataset-run-items?runName=r1")
            #expect(missing.status == .badRequest, "datasetId required")
            #expect(try harness.json(missing)["message"]?.stringValue?.contains("datasetId") == true, "message names datasetId")
            #expect(try await harness.send(client, .get, "/api/public/dataset-run-items?datasetId=\(datasetID)&runName=nope").status == .notFound,
                    "unknown run")
        }
    }
}

private extension JSONValue {
    /// The member `key` of an object, nil otherwise.
    subscript(key: String) -> JSONValue? { objectValue?[key] }
}
