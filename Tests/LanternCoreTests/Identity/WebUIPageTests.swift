import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// The WebUI plugin through the kernel's router and a real SQLite storage: sign-in redirects, escaping of trace
/// data, the security headers, empty and not-found states, and pages limited to the person's projects.
@Suite("Web UI pages")
struct WebUIPageTests {
    let harness = APIHarness()
    static let config = APIHarness.identityInit + "\n  user: { email: owner@acme.io, name: Owner, password: owner-pass-1 }"
    static let plugins = "  web: { load: WebUI }"

    private func signIn(_ client: any TestClientProtocol, _ fields: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: fields))
    }

    private func page(_ client: any TestClientProtocol, _ path: String, cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test(.timeLimit(.minutes(2)))
    func pagesForASignedInPerson() async throws {
        try await harness.withRuntime(extraPlugins: Self.plugins, topLevel: Self.config) { client, _, runtime in
            let alpha = try #require(try harness.json(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))
                .objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
            let beta = try #require(try harness.json(try await harness.get(client, "/api/public/projects", auth: APIHarness.beta))
                .objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)

            let anonymous = try await page(client, "/project/\(alpha)/traces", cookie: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/auth/sign-in?next=/project/\(alpha)/traces")
            let signInPage = try await page(client, "/auth/sign-in?next=/x&error=Invalid%20email%20or%20password", cookie: nil)
            #expect(String(buffer: signInPage.body).contains("Invalid email or password"))

            let failed = try await signIn(client, "email=owner%40acme.io&password=wrong-pass-1&next=%2Fproject&failurePage=%2Fauth%2Fsign-in")
            #expect(failed.status == .seeOther && failed.headers[.location]?.hasPrefix("/auth/sign-in?error=Invalid") == true)
            let offsite = try await signIn(client, "email=owner%40acme.io&password=owner-pass-1&next=%2F%2Fevil.example&failurePage=%2Fauth%2Fsign-in")
            #expect(offsite.status == .seeOther && offsite.headers[.location] == "/", "a crafted next cannot leave the site")
            let cookie = String(try #require(offsite.headers[.setCookie]).split(separator: ";")[0])

            let batch: JSONValue = ["batch": [["id": "e1", "type": "trace-create", "timestamp": .string(ISO8601Timestamp.format(Date())),
                                               "body": ["id": "t-script", "name": "<script>alert(1)</script>", "input": ["q": "<b>bold</b>"]]]]]
            #expect(try await harness.post(client, "/api/public/ingestion", batch, auth: APIHarness.alpha).status.code == 207)

            let traces = try await page(client, "/project/\(alpha)/traces", cookie: cookie)
            let html = String(buffer: traces.body)
            #expect(traces.status == .ok)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"), "trace names are text")
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>bold"), "inputs are text")
            #expect(traces.headers[HTTPField.Name("content-security-policy")!]?.contains("script-src 'self'") == true)
            #expect(traces.headers[HTTPField.Name("x-frame-options")!] == "DENY")

            let detail = try await page(client, "/project/\(alpha)/traces/t-script", cookie: cookie)
            #expect(detail.status == .ok && String(buffer: detail.body).contains("&lt;script&gt;"))
            let missing = try await page(client, "/project/\(alpha)/traces/no-such-trace", cookie: cookie)
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("Not found"))
            let empty = try await page(client, "/project/\(beta)/traces", cookie: cookie)
            #expect(empty.status == .ok && String(buffer: empty.body).contains("No traces in this time range"))
            let sessions = try await page(client, "/project/\(beta)/sessions", cookie: cookie)
            #expect(sessions.status == .ok && String(buffer: sessions.body).contains("No sessions yet"))
            let home = try await page(client, "/", cookie: cookie)
            #expect(home.status == .seeOther && home.headers[.location]?.hasSuffix("/traces") == true)

            // A person with no role in a project does not see it, nor learn that it exists.
            _ = try await IdentityAdministration(runtime: runtime).createUser(email: "none@acme.io", name: nil, organizationID: "acme",
                                                                              role: "NONE", password: "none-pass-1")
            let outsider = try await signIn(client, "email=none%40acme.io&password=none-pass-1&next=%2F&failurePage=%2Fauth%2Fsign-in")
            let outsiderCookie = String(try #require(outsider.headers[.setCookie]).split(separator: ";")[0])
            #expect(try await page(client, "/project/\(alpha)/traces", cookie: outsiderCookie).status == .notFound)
            #expect(try await page(client, "/project/no-such-project/traces", cookie: cookie).status == .notFound)
            let noProjects = try await page(client, "/", cookie: outsiderCookie)
            #expect(noProjects.status == .ok && String(buffer: noProjects.body).contains("No projects yet"))
        }
    }
}
