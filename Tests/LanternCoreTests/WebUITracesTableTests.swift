import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// The traces table of the WebUI plugin over a real SQLite storage: level, error, score and text filters, the
/// column chooser, the sort links, per-row level counts and scores, auto-refresh; and the traces API's
/// `search`/`searchType` and its `level` and `scores` filter conditions, with the errors they answer.
@Suite("Web UI traces table")
struct WebUITracesTableTests {
    let harness = APIHarness()

    private func body(_ client: any TestClientProtocol, _ path: String, cookie: String) async throws -> (TestResponse, String) {
        let response = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
        return (response, String(buffer: response.body))
    }

    @Test(.timeLimit(.minutes(2)))
    func filtersSearchColumnsAndSort() async throws {
        try await harness.withRuntime(extraPlugins: WebUIPageTests.plugins, topLevel: WebUIPageTests.config) { client, _, _ in
            let project = try #require(try harness.json(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))
                .objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
            let signIn = try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "email=owner%40acme.io&password=owner-pass-1&next=%2F&failurePage=%2Fauth%2Fsign-in"))
            let cookie = String(try #require(signIn.headers[.setCookie]).split(separator: ";")[0])
            let now = ISO8601Timestamp.format(Date())
            func event(_ id: String, _ type: String, _ body: JSONValue) -> JSONValue {
                ["id": .string(id), "type": .string(type), "timestamp": .string(now), "body": body]
            }
            let batch: JSONValue = ["batch": [
                event("e1", "trace-create", ["id": "t-alpha", "name": "alpha-run", "input": ["q": "find the needle"], "userId": "u-1"]),
                event("e2", "span-create", ["id": "o-alpha", "traceId": "t-alpha", "name": "step", "level": "ERROR", "startTime": .string(now)]),
                event("e3", "trace-create", ["id": "t-beta", "name": "beta-run", "output": "a haystack"]),
                event("e4", "span-create", ["id": "o-beta", "traceId": "t-beta", "name": "step", "startTime": .string(now)]),
                event("e5", "score-create", ["id": "s-alpha", "traceId": "t-alpha", "name": "accuracy", "value": 0.9]),
            ]]
            #expect(try await harness.post(client, "/api/public/ingestion", batch, auth: APIHarness.alpha).status.code == 207)
            let traces = "/project/\(project)/traces"

            let (_, all) = try await body(client, traces, cookie: cookie)
            #expect(all.contains("alpha-run") && all.contains("beta-run"))
            #expect(all.contains("✖ 1") && all.contains("ℹ 1"), "observation level counts per row")
            let (_, errors) = try await body(client, traces + "?hasError=1", cookie: cookie)
            #expect(errors.contains("alpha-run") && !errors.contains("beta-run"), "has error")
            let (_, content) = try await body(client, traces + "?search=NEEDLE&searchType=content", cookie: cookie)
            #expect(content.contains("alpha-run") && !content.contains("beta-run"), "full-text search, ASCII case ignored")
            let (_, idsOnly) = try await body(client, traces + "?search=needle", cookie: cookie)
            #expect(idsOnly.contains("No traces"), "the default search looks at ids and names only")
            let (_, byName) = try await body(client, traces + "?search=beta", cookie: cookie)
            #expect(byName.contains("beta-run") && !byName.contains("alpha-run"))
            let (_, scored) = try await body(client, traces + "?scoreName=accuracy&scoreOp=%3E%3D&scoreValue=0.5&col=name&col=scores", cookie: cookie)
            #expect(scored.contains("alpha-run") && !scored.contains("beta-run") && scored.contains("accuracy: 0.9"), "score filter and column")
            #expect(!scored.contains(">Input</th>"), "only the chosen columns")
            let (_, slow) = try await body(client, traces + "?latencyMin=100", cookie: cookie)
            #expect(slow.contains("No traces"), "latency range")

            let (_, ascending) = try await body(client, traces + "?orderBy=column-name_order-ASC", cookie: cookie)
            let alphaAt = try #require(ascending.range(of: "alpha-run")).lowerBound, betaAt = try #require(ascending.range(of: "beta-run")).lowerBound
            #expect(alphaAt < betaAt, "name ascending")
            #expect(ascending.contains("aria-sort=\"ascending\"") && ascending.contains("orderBy=column-name_order-DESC"), "the header flips the order")

            let (live, liveHTML) = try await body(client, traces + "?refresh=30s", cookie: cookie)
            #expect(live.headers[HTTPField.Name("refresh")!] == "30" && liveHTML.contains("refreshes every 30s"))

            let link = "name;string;;=;alpha-run,level;stringOptions;;any of;ERROR,metadata;stringObject;region;=;eu"
            let (_, linked) = try await body(client, traces + "?filter=" + link.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, cookie: cookie)
            #expect(linked.contains("alpha-run") && !linked.contains("beta-run") && linked.contains("filters on metadata too"))

            // The API under the page: search and its errors.
            func apiStatus(_ query: String) async throws -> (Int, String) {
                let response = try await harness.get(client, "/api/public/traces?" + query, auth: APIHarness.alpha)
                return (Int(response.status.code), String(buffer: response.body))
            }
            let (badType, badTypeBody) = try await apiStatus("search=x&searchType=everything")
            #expect(badType == 400 && badTypeBody.contains("searchType"))
            let levelFilter = #"[{"column":"level","operator":"any of","type":"stringOptions","value":["FATAL"]}]"#
            let (badLevel, badLevelBody) = try await apiStatus("filter=" + levelFilter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(badLevel == 400 && badLevelBody.contains("filter[0].value") && badLevelBody.contains("FATAL"))
            let scoreFilter = #"[{"column":"scores","operator":">=","type":"numberObject","value":0.5}]"#
            let (noKey, noKeyBody) = try await apiStatus("filter=" + scoreFilter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(noKey == 400 && noKeyBody.contains("filter[0].key"))

            // Keyset pages: the first page's cursor leads to the second; the table's next link carries it.
            let first = try harness.json(try await harness.get(client, "/api/public/traces?limit=1", auth: APIHarness.alpha))
            let cursor = try #require(first.objectValue?["meta"]?.objectValue?["cursor"]?.stringValue)
            let second = try harness.json(try await harness.get(client, "/api/public/traces?limit=1&cursor=\(cursor)", auth: APIHarness.alpha))
            let ids = [first, second].compactMap { $0.objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue }
            #expect(Set(ids) == ["t-alpha", "t-beta"], "two pages by cursor: \(ids)")
            #expect(second.objectValue?["meta"]?.objectValue?["totalItems"]?.numberValue == 2, "the total counts every match")
            let (sorted, sortedBody) = try await apiStatus("cursor=\(cursor)&orderBy=name.asc")
            #expect(sorted == 400 && sortedBody.contains("cursor"))
            let (garbage, _) = try await apiStatus("cursor=not-a-cursor")
            #expect(garbage == 400)
            let (_, pageOne) = try await body(client, traces + "?pageSize=1", cookie: cookie)
            #expect(pageOne.contains("pageIndex=1&amp;cursor="), "the next link pages by cursor")
        }
    }
}
