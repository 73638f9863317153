import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// JSON bodies nested deeper than ``JSONDepth/limit`` are refused with 400 naming the first field past the limit;
/// a body just inside it is accepted.
@Suite("JSON nesting limit")
struct JSONDepthTests {
    let harness = APIHarness()

    /// `{"a": {"a": … "leaf" …}}` with `levels` objects.
    private func nested(_ levels: Int) -> JSONValue {
        (0..<levels).reduce(JSONValue.string("leaf")) { inner, _ in .object(["a": inner]) }
    }

    private func batch(_ input: JSONValue) -> JSONValue {
        ["batch": [["id": "e1", "type": "trace-create", "timestamp": .string(ISO8601Timestamp.format(Date())),
                    "body": ["id": .string("t-\(UUID().uuidString)"), "input": input]]]]
    }

    @Test func tooDeepIsRefusedWithThePath() async throws {
        try await harness.withServer { client, _ in
            // batch, its array, the event and its body take four levels; the input gets the rest.
            let inside = try await harness.post(client, "/api/public/ingestion", batch(nested(JSONDepth.limit - 5)), auth: APIHarness.alpha)
            #expect(inside.status.code == 207, "just inside the limit")
            let deep = try await harness.post(client, "/api/public/ingestion", batch(nested(JSONDepth.limit + 5)), auth: APIHarness.alpha)
            let message = String(buffer: deep.body)
            #expect(deep.status == .badRequest && message.contains("batch[0].body.input.a.a") && message.contains("64 levels"), "\(message)")
        }
        #expect(JSONDepth.firstTooDeep(.array([.array([.array([])])]), limit: 2) == "[0][0]", "arrays in the path")
        #expect(JSONDepth.firstTooDeep(.array([.array([])]), limit: 2) == nil)
    }
}
