import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// A known path asked with a method it does not serve answers 405 with `Allow`; an unknown path stays 404.
@Suite("Wrong methods")
struct MethodNotAllowedTests {
    let harness = APIHarness()

    @Test func aKnownPathWithAnotherMethodAnswers405NamingTheAllowedOnes() async throws {
        try await harness.withServer { client, _ in
            let put = try await harness.send(client, .put, "/api/public/traces")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "DELETE, GET")
            let body = try harness.json(put).objectValue
            #expect(body?["error"]?.stringValue == "MethodNotAllowedError")
            #expect(body?["message"]?.stringValue?.contains("allowed: DELETE, GET") == true)
            let patch = try await harness.send(client, .patch, "/api/public/traces/some-trace")
            #expect(patch.status == .methodNotAllowed && patch.headers[.allow] == "DELETE, GET", "a path with a capture")
            let health = try await harness.send(client, .post, "/api/public/health")
            #expect(health.status == .methodNotAllowed && health.headers[.allow] == "GET", "an open route")
            #expect(try await harness.send(client, .get, "/api/public/no-such-route").status == .notFound)
            #expect(try await harness.send(client, .get, "/api/public/traces/a/b/c").status == .notFound, "deeper than any template")
        }
    }
}
