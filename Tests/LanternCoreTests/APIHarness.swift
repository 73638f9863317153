import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import LanternCore
import LanternPluginSDK

/// Runs in-process HTTP tests against a started runtime on a fresh SQLite database.
struct APIHarness {
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
    static let alpha = basic("pk-lf-alpha", "sk-lf-alpha")
    static let beta = basic("pk-lf-beta", "sk-lf-beta")

    /// The organization of the identity tests (`acme`) with its organization key.
    static let identityInit = """
        init:
          organization: { id: acme, name: Acme, publicKey: pk-lf-org, secretKey: sk-lf-org }
        """
    static let organizationKey = basic("pk-lf-org", "sk-lf-org")

    /// The process environment with a key for LLM connections' secrets.
    static let environment = ProcessInfo.processInfo.environment.merging([SecretBox.environmentKey: String(repeating: "5a", count: 32)]) { _, new in new }

    func withServer(extraPlugins: String = "", cost: String = "", topLevel: String = "",
                    _ body: @escaping @Sendable (any TestClientProtocol, TestWorkspace) async throws -> Void) async throws {
        try await withRuntime(extraPlugins: extraPlugins, cost: cost, topLevel: topLevel) { client, workspace, _ in try await body(client, workspace) }
    }

    /// ``withServer`` with the running runtime too, for tests that set things up through the kernel's services.
    func withRuntime(extraPlugins: String = "", cost: String = "", topLevel: String = "",
                     _ body: @escaping @Sendable (any TestClientProtocol, TestWorkspace, LanternRuntime) async throws -> Void) async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let runtime = try LanternRuntime.prepare(configPath: try workspace.sqliteConfig(extraPlugins: extraPlugins, cost: cost, topLevel: topLevel),
                                                 environment: Self.environment)
        try await runtime.whileRunning {
            let app = Application(router: try LanternServer.router(for: runtime))
            try await app.test(.router) { client in try await body(client, workspace, runtime) }
        }
    }

    func json(_ response: TestResponse) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
    }

    func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil,
              auth: String = alpha) async throws -> TestResponse {
        try await client.execute(uri: path, method: method, headers: [.authorization: auth, .contentType: "application/json"],
                                 body: body.map { ByteBuffer(string: $0.jsonText) })
    }

    func post(_ client: any TestClientProtocol, _ path: String, _ body: JSONValue, auth: String) async throws -> TestResponse {
        try await send(client, .post, path, body, auth: auth)
    }

    func get(_ client: any TestClientProtocol, _ path: String, auth: String) async throws -> TestResponse {
        try await send(client, .get, path, auth: auth)
    }
}
