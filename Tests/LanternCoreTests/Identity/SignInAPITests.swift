import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// People signing in: the cookie's attributes, a session on the public API with its CSRF token, sign-out, the same
/// answer for unknown emails and wrong passwords, throttling, password change and disabled sign-up.
@Suite("Sign-in")
struct SignInAPITests {
    let harness = APIHarness()
    static let config = APIHarness.identityInit + "\n  user: { email: owner@acme.io, name: Owner, password: owner-pass-1 }"

    private func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: (["email": .string(email), "password": .string(password)] as JSONValue).jsonText))
    }

    private func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, cookie: String, project: String? = nil,
                      csrf: String? = nil, body: JSONValue? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: cookie, .contentType: "application/json"]
        if let project { headers[AuthMiddleware.projectHeader] = project }
        if let csrf { headers[AuthMiddleware.csrfHeader] = csrf }
        return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0.jsonText) })
    }

    @Test(.timeLimit(.minutes(2)))
    func sessionLifecycle() async throws {
        try await harness.withServer(topLevel: Self.config) { client, _ in
            let wrong = try await signIn(client, "owner@acme.io", "not-the-password-1")
            let unknown = try await signIn(client, "nobody@acme.io", "not-the-password-1")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(String(buffer: wrong.body) == String(buffer: unknown.body), "unknown email and wrong password answer alike")

            let signedIn = try await signIn(client, "Owner@acme.io", "owner-pass-1")
            #expect(signedIn.status == .ok)
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(setCookie.hasPrefix("lantern_session=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"), "no https public URL configured")
            let cookie = String(setCookie.split(separator: ";")[0])
            let body = try #require(try harness.json(signedIn).objectValue)
            let csrf = try #require(body["csrfToken"]?.stringValue)
            #expect(body["organizations"] == [["id": "acme", "role": "OWNER"]])
            let projects = body["projects"]?.arrayValue?.compactMap { $0.objectValue } ?? []
            let alphaID = try #require(projects.first { $0["name"] == "alpha" }?["id"]?.stringValue)

            #expect(try await call(client, .get, "/api/public/traces", cookie: cookie, project: alphaID).status == .ok)
            let noProject = try await call(client, .get, "/api/public/traces", cookie: cookie)
            #expect(noProject.status == .badRequest && String(buffer: noProject.body).contains("x-langfuse-project-id"))
            let prompt: JSONValue = ["name": "greeting", "prompt": "hello"]
            let noCSRF = try await call(client, .post, "/api/public/v2/prompts", cookie: cookie, project: alphaID, body: prompt)
            #expect(noCSRF.status == .forbidden && String(buffer: noCSRF.body).contains("X-CSRF-Token"))
            let created = try await call(client, .post, "/api/public/v2/prompts", cookie: cookie, project: alphaID, csrf: csrf, body: prompt)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(try await call(client, .get, "/api/public/organizations/memberships", cookie: cookie).status == .ok,
                    "a signed-in owner uses the admin API of their only organization")
            #expect(try await call(client, .get, "/api/auth/session", cookie: cookie).status == .ok)

            #expect(try await call(client, .post, "/api/auth/sign-out", cookie: cookie).status == .forbidden, "sign-out needs the CSRF token")
            let out = try await call(client, .post, "/api/auth/sign-out", cookie: cookie, csrf: csrf)
            #expect(out.status == .ok && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await call(client, .get, "/api/public/traces", cookie: cookie, project: alphaID).status == .unauthorized)
            #expect(try await call(client, .get, "/api/auth/session", cookie: cookie).status == .unauthorized)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func passwordChangeEndsEverySession() async throws {
        try await harness.withServer(topLevel: Self.config) { client, _ in
            let first = try await signIn(client, "owner@acme.io", "owner-pass-1")
            let second = try await signIn(client, "owner@acme.io", "owner-pass-1")
            let cookie1 = String(try #require(first.headers[.setCookie]).split(separator: ";")[0])
            let cookie2 = String(try #require(second.headers[.setCookie]).split(separator: ";")[0])
            let csrf = try #require(try harness.json(first).objectValue?["csrfToken"]?.stringValue)
            let weak = try await call(client, .post, "/api/auth/password", cookie: cookie1, csrf: csrf,
                                      body: ["currentPassword": "owner-pass-1", "newPassword": "short"])
            #expect(weak.status == .badRequest && String(buffer: weak.body).contains("at least 8 characters"))
            let changed = try await call(client, .post, "/api/auth/password", cookie: cookie1, csrf: csrf,
                                         body: ["currentPassword": "owner-pass-1", "newPassword": "a-new-password-2"])
            #expect(changed.status == .ok)
            #expect(try await call(client, .get, "/api/auth/session", cookie: cookie1).status == .unauthorized)
            #expect(try await call(client, .get, "/api/auth/session", cookie: cookie2).status == .unauthorized)
            let fresh = String(try #require(changed.headers[.setCookie]).split(separator: ";")[0])
            #expect(try await call(client, .get, "/api/auth/session", cookie: fresh).status == .ok)
            #expect(try await signIn(client, "owner@acme.io", "owner-pass-1").status == .unauthorized)
            #expect(try await signIn(client, "owner@acme.io", "a-new-password-2").status == .ok)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func failedSignInsAreThrottledAndSignUpIsOff() async throws {
        try await harness.withServer(topLevel: Self.config) { client, _ in
            for _ in 0..<5 { #expect(try await signIn(client, "owner@acme.io", "guess-guess-1").status == .unauthorized) }
            let throttled = try await signIn(client, "owner@acme.io", "owner-pass-1")
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil)
            #expect(String(buffer: throttled.body).contains("Too many failed sign-ins"))
            let signUp = try await client.execute(uri: "/api/auth/sign-up", method: .post, headers: [.contentType: "application/json"],
                                                  body: ByteBuffer(string: #"{"email":"new@acme.io","password":"new-pass-123"}"#))
            #expect(signUp.status == .forbidden && String(buffer: signUp.body).contains("auth.signUp"))
        }
    }
}
