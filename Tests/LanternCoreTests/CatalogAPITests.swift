import Foundation
import HummingbirdTesting
import NIOCore
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Scores, prompts, datasets, runs and media through the public API, in process, over the real SQLite plugin.
@Suite("Scores, prompts, datasets and media in process")
struct CatalogAPITests {
    let harness = APIHarness()

    @Test func scoresAsObjectAndArray() async throws {
        try await harness.withServer { client, _ in
            let traceBatch: JSONValue = ["batch": [["id": "e", "type": "trace-create", "timestamp": "2024-05-01T12:00:00Z", "body": ["id": "t1"]]]]
            #expect(try await harness.send(client, .post, "/api/public/ingestion", traceBatch).status.code == 207)
            let single = try await harness.send(client, .post, "/api/public/scores", ["traceId": "t1", "name": "q", "value": 0.5, "id": "s1"])
            #expect(single.status == .ok)
            #expect(try harness.json(single).objectValue?["id"] == "s1")
            let batch = try await harness.send(client, .post, "/api/public/scores", [
                ["traceId": "t1", "name": "ok", "value": 1, "dataType": "BOOLEAN"],
                ["sessionId": "sess", "name": "label", "value": "good"],
            ])
            #expect(batch.status == .accepted)
            let partial = try await harness.send(client, .post, "/api/public/scores", [["traceId": "t1", "name": "n", "value": 1], ["name": "x", "value": 1]])
            #expect(partial.status.code == 207)
            #expect(try harness.json(partial).objectValue?["rejected"] == 1)
            let invalid = try await harness.send(client, .post, "/api/public/scores", ["traceId": "t1", "name": "b", "value": 3, "dataType": "BOOLEAN"])
            #expect(invalid.status == .badRequest)
            let trace = try harness.json(try await harness.send(client, .get, "/api/public/traces/t1")).objectValue
            #expect(trace?["scores"]?.arrayValue?.count == 3, "trace.scores: the trace carries its three scores")
        }
    }

    @Test func promptVersionsLabelsAndLookups() async throws {
        try await harness.withServer { client, _ in
            let first = try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "folder/greet", "prompt": "Hi {{name}}", "labels": ["production"], "tags": ["a"]])
            #expect(first.status == .created)
            #expect(try harness.json(first).objectValue?["version"] == 1)
            let second = try harness.json(try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "folder/greet", "prompt": "Hello {{name}}", "tags": ["b"]])).objectValue
            #expect(second?["version"] == 2)
            #expect(second?["labels"] == ["latest"])
            let production = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts/folder%2Fgreet")).objectValue
            #expect(production?["version"] == 1, "default label production")
            #expect(production?["tags"] == ["b"], "tags are shared by every version")
            let moved = try await harness.send(client, .patch, "/api/public/v2/prompts/folder%2Fgreet/versions/2", ["newLabels": ["production"]])
            #expect(try harness.json(moved).objectValue?["labels"] == ["latest", "production"])
            let byVersion = try harness.json(try await harness.send(client, .get, "/api/public/v2/prompts/folder%2Fgreet?version=1")).objectValue
            #expect(byVersion?["labels"] == [], "production moved away from version 1")
            #expect(try await harness.send(client, .get, "/api/public/v2/prompts/folder%2Fgreet?version=1&label=x").status == .badRequest)
            #expect(try await harness.send(client, .get, "/api/public/v2/prompts/missing").status == .notFound)
            #expect(try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "x", "prompt": "p", "labels": ["latest"]]).status == .badRequest)
            let wrongType = try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "folder/greet", "type": "chat", "prompt": [["role": "user", "content": "x"]]])
            #expect(wrongType.status == .badRequest)
        }
    }

    @Test func datasetsItemsAndRuns() async throws {
        try await harness.withServer { client, _ in
            let dataset = try harness.json(try await harness.send(client, .post, "/api/public/v2/datasets", ["name": "ds", "description": "d"])).objectValue
            #expect(dataset?["name"] == "ds")
            let item = try harness.json(try await harness.send(client, .post, "/api/public/dataset-items", ["datasetName": "ds", "input": ["q": 1], "id": "i1"])).objectValue
            #expect(item?["datasetName"] == "ds")
            #expect(item?["mediaReferences"] == [])
            let items = try harness.json(try await harness.send(client, .get, "/api/public/dataset-items?datasetName=ds")).objectValue
            #expect(items?["meta"]?.objectValue?["totalItems"] == 1)
            let runItem = try await harness.send(client, .post, "/api/public/dataset-run-items", ["runName": "r1", "datasetItemId": "i1", "traceId": "t9"])
            #expect(runItem.status == .ok)
            let datasetID = try #require(dataset?["id"]?.stringValue)
            #expect(try harness.json(runItem).objectValue?["id"]
                    == .string(DatasetRunItemUpdate.stableID(datasetID: datasetID, runName: "r1", datasetItemID: "i1", traceID: "t9")),
                    "the id OTLP experiment spans give the same dataset, run, item and trace, so the two paths make one run item")
            let runs = try harness.json(try await harness.send(client, .get, "/api/public/datasets/ds/runs")).objectValue
            #expect(runs?["data"]?.arrayValue?.first?.objectValue?["name"] == "r1")
            let run = try harness.json(try await harness.send(client, .get, "/api/public/datasets/ds/runs/r1")).objectValue
            #expect(run?["datasetRunItems"]?.arrayValue?.first?.objectValue?["traceId"] == "t9")
            #expect(try await harness.send(client, .get, "/api/public/v2/datasets/nope").status == .notFound)
            #expect(try await harness.send(client, .get, "/api/public/v2/datasets/ds", auth: APIHarness.beta).status == .notFound)
        }
    }

    @Test func mediaUploadRoundTrip() async throws {
        try await harness.withServer { client, _ in
            let bytes = Array("hello media".utf8)
            let sha = Digests.sha256Base64(bytes)
            let created = try harness.json(try await harness.send(client, .post, "/api/public/media", [
                "traceId": "t1", "contentType": "text/plain", "contentLength": .number(Double(bytes.count)), "sha256Hash": .string(sha), "field": "input",
            ])).objectValue
            let mediaID = try #require(created?["mediaId"]?.stringValue)
            #expect(mediaID == MediaRoutes.mediaID(fromBase64SHA256: sha))
            let uploadURL = try #require(created?["uploadUrl"]?.stringValue)
            let path = String(uploadURL.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            let early = try await harness.send(client, .get, "/api/public/media/\(mediaID)")
            #expect(early.status == .notFound && String(buffer: early.body).contains("Media not yet uploaded"), "no media answer before the upload")
            let wrong = try await client.execute(uri: path.replacingOccurrences(of: "token=", with: "token=x"), method: .put, body: ByteBuffer(bytes: bytes))
            #expect(wrong.status == .forbidden)
            let upload = try await client.execute(uri: path, method: .put, headers: [.contentType: "text/plain"], body: ByteBuffer(bytes: bytes))
            #expect(upload.status == .ok)
            let media = try harness.json(try await harness.send(client, .get, "/api/public/media/\(mediaID)")).objectValue
            #expect(media?["uploadedAt"] != .null)
            #expect(media?["contentLength"] == .number(Double(bytes.count)))
            let again = try harness.json(try await harness.send(client, .post, "/api/public/media", [
                "contentType": "text/plain", "contentLength": .number(Double(bytes.count)), "sha256Hash": .string(sha),
            ])).objectValue
            #expect(again?["uploadUrl"] == .null, "already uploaded: no upload URL")
        }
    }
}
