import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// When the storage cannot answer, the web UI's pages say so with 503 "Storage unavailable" (the API's 503 passed
/// through), rather than an empty table or a broken page; sign-in, which reads other tables, still works.
@Suite("Web UI storage outage")
struct WebUIStorageOutageTests {
    @Test(.timeLimit(.minutes(2)))
    func pagesAnswer503WhenTraceReadsFail() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let prepared = try LanternRuntime.prepare(configPath: try workspace.sqliteConfig(extraPlugins: WebUIPageTests.plugins,
                                                                                        topLevel: WebUIPageTests.config))
        // The same components, with the storage's trace reads failing as a lost database connection would.
        let components = prepared.components.map { entry -> ConfiguredComponent in
            guard entry.kind == .storage, let storage = entry.component as? any StorageBackend else { return entry }
            return ConfiguredComponent(id: entry.id, factory: entry.factory, plugin: entry.plugin, component: TraceReadsDown(base: storage))
        }
        let runtime = try LanternRuntime(config: prepared.config, components: components)
        try await runtime.whileRunning {
            let app = Application(router: try LanternServer.router(for: runtime))
            try await app.test(.router) { client in
                let signIn = try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                      body: ByteBuffer(string: "email=owner%40acme.io&password=owner-pass-1&next=%2F&failurePage=%2Fauth%2Fsign-in"))
                let cookie = String(try #require(signIn.headers[.setCookie]).split(separator: ";")[0])
                let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                let project = try #require(home.headers[.location]?.split(separator: "/").dropFirst().first.map(String.init))
                for path in ["/project/\(project)/traces", "/project/\(project)/traces/t-1"] {
                    let page = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                    let html = String(buffer: page.body)
                    #expect(page.status == .serviceUnavailable && html.contains("Storage unavailable") && html.contains("database is down"),
                            "\(path): \(page.status)")
                }
            }
        }
    }
}

/// A storage whose trace reads fail as unavailable.
private final class TraceReadsDown: DelegatingStorage, @unchecked Sendable {
    override func traces(projectID: String, query: TraceQuery) async throws -> Page<TraceSummary> {
        throw StorageError.unavailable("database is down (test)")
    }

    override func trace(projectID: String, id: String) async throws -> TraceSummary? {
        throw StorageError.unavailable("database is down (test)")
    }
}
