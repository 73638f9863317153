import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Comments on the trace page: an owner sees the form and adds a comment on the trace and on an observation; a
/// viewer sees the comments but no form, and a forged post from them is refused by the kernel (403); a post
/// without the CSRF token is refused before the plugin runs.
@Suite("Web UI trace comments")
struct WebUITraceCommentsTests {
    let harness = APIHarness()

    private func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws -> (cookie: String, csrf: String) {
        let response = try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: #"{"email":"\#(email)","password":"\#(password)"}"#))
        let cookie = String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
        let body = try harness.json(response)
        let csrf = try #require(body.objectValue?["csrfToken"]?.stringValue ?? body.objectValue?["session"]?.objectValue?["csrfToken"]?.stringValue)
        return (cookie, csrf)
    }

    private func form(_ client: any TestClientProtocol, _ path: String, cookie: String, _ fields: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: fields))
    }

    @Test(.timeLimit(.minutes(2)))
    func ownersCommentViewersOnlyRead() async throws {
        try await harness.withRuntime(extraPlugins: WebUIPageTests.plugins, topLevel: WebUIPageTests.config) { client, _, runtime in
            let project = try #require(try harness.json(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))
                .objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
            let now = ISO8601Timestamp.format(Date())
            let batch: JSONValue = ["batch": [
                ["id": "e1", "type": "trace-create", "timestamp": .string(now), "body": ["id": "t-c", "name": "commented"]],
                ["id": "e2", "type": "span-create", "timestamp": .string(now), "body": ["id": "o-c", "traceId": "t-c", "name": "step", "startTime": .string(now)]],
            ]]
            #expect(try await harness.post(client, "/api/public/ingestion", batch, auth: APIHarness.alpha).status.code == 207)
            _ = try await IdentityAdministration(runtime: runtime).createUser(email: "viewer@acme.io", name: nil, organizationID: "acme",
                                                                              role: "VIEWER", password: "viewer-pass-1")
            let owner = try await signIn(client, "owner@acme.io", "owner-pass-1")
            let viewer = try await signIn(client, "viewer@acme.io", "viewer-pass-1")
            let tracePage = "/project/\(project)/traces/t-c", action = tracePage + "/comments"

            let ownerPage = String(buffer: try await client.execute(uri: tracePage, method: .get, headers: [.cookie: owner.cookie]).body)
            #expect(ownerPage.contains("action=\"\(action)\"") && ownerPage.contains("Comments on this trace (0)"))
            let added = try await form(client, action, cookie: owner.cookie, "csrfToken=\(owner.csrf)&objectType=TRACE&objectId=t-c&content=Looks+%3Cfine%3E")
            #expect(added.status == .seeOther && added.headers[.location] == tracePage + "#comments")
            let onStep = try await form(client, action, cookie: owner.cookie, "csrfToken=\(owner.csrf)&objectType=OBSERVATION&objectId=o-c&content=slow+step")
            #expect(onStep.headers[.location] == tracePage + "?observation=o-c#comments")
            let empty = try await form(client, action, cookie: owner.cookie, "csrfToken=\(owner.csrf)&objectType=TRACE&content=")
            #expect(empty.status == .badRequest && String(buffer: empty.body).contains("content"), "an empty comment names the field")

            let viewerPage = String(buffer: try await client.execute(uri: tracePage, method: .get, headers: [.cookie: viewer.cookie]).body)
            #expect(viewerPage.contains("Looks &lt;fine&gt;") && viewerPage.contains("Comments on this trace (1)"), "comments are text")
            #expect(!viewerPage.contains("comment-form"), "a viewer sees no write control")
            let stepPage = String(buffer: try await client.execute(uri: tracePage + "?observation=o-c", method: .get, headers: [.cookie: viewer.cookie]).body)
            #expect(stepPage.contains("slow step") && stepPage.contains("Comments on this observation (1)"))
            let forged = try await form(client, action, cookie: viewer.cookie, "csrfToken=\(viewer.csrf)&objectType=TRACE&content=forged")
            #expect(forged.status == .forbidden, "the kernel refuses a viewer's comment")
            let noToken = try await form(client, action, cookie: owner.cookie, "objectType=TRACE&content=no+token")
            #expect(noToken.status == .forbidden, "a post without the CSRF token is refused")
            let comments = try harness.json(try await harness.get(client, "/api/public/comments?objectId=t-c", auth: APIHarness.alpha))
            #expect(comments.objectValue?["data"]?.arrayValue?.count == 1, "neither refused post was stored")
        }
    }
}
