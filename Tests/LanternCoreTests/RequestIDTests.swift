import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Every answer carries a request id: the caller's, a `traceparent`'s trace id, or a new one.
@Suite("Request ids")
struct RequestIDTests {
    let harness = APIHarness()

    @Test func answersCarryTheCallersIDATraceparentsTraceIDOrANewOne() async throws {
        try await harness.withServer { client, _ in
            let fresh = try await harness.send(client, .get, "/api/public/projects")
            let generated = try #require(fresh.headers[.requestID])
            #expect(generated.count == 32 && generated.allSatisfy(\.isHexDigit), "a new id: \(generated)")
            let given = try await client.execute(uri: "/api/public/projects", method: .get,
                                                 headers: [.authorization: APIHarness.alpha, .requestID: "req-42.a_b"])
            #expect(given.headers[.requestID] == "req-42.a_b", "the caller's id is kept")
            let traceparent = try await client.execute(uri: "/api/public/health", method: .get,
                                                       headers: [HTTPField.Name("traceparent")!: "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"])
            #expect(traceparent.headers[.requestID] == "4bf92f3577b34da6a3ce929d0e0e4736", "the trace id of a traceparent")
            let hostile = try await client.execute(uri: "/api/public/health", method: .get, headers: [.requestID: "x\" injected=1"])
            #expect(hostile.headers[.requestID] != "x\" injected=1", "an implausible id is replaced")
            let missing = try await harness.send(client, .get, "/api/public/no-such-route")
            #expect(missing.status == .notFound && missing.headers[.requestID] != nil, "error answers carry one too")
        }
    }
}
