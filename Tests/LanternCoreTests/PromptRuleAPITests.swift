import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Every rule of `POST /api/public/v2/prompts` and `PATCH …/versions/{v}` answered 400 with a message naming it, in process.
@Suite("Prompt rules in process")
struct PromptRuleAPITests {
    let harness = APIHarness()

    @Test func eachBrokenRuleIsNamed() async throws {
        try await harness.withServer { client, _ in
            let cases: [(JSONValue, String)] = [
                (["prompt": "x"], "name: is required"),
                (["name": "/lead", "prompt": "x"], "must not start or end with '/'"),
                (["name": "trail/", "prompt": "x"], "must not start or end with '/'"),
                (["name": "a//b", "prompt": "x"], "contain '//'"),
                (["name": "a|b", "prompt": "x"], "contain '|'"),
                (["name": "new", "prompt": "x"], "'new' is reserved"),
                (["name": "typed", "type": "image", "prompt": "x"], "type: must be text or chat"),
                (["name": "nothing"], "prompt: is required"),
                (["name": "labels", "prompt": "x", "labels": ["latest"]], "'latest' is reserved"),
                (["name": "labels", "prompt": "x", "labels": [.string(String(repeating: "l", count: 37))]], "longer than 36 characters"),
                (["name": "labels", "prompt": "x", "labels": ["Prod!"]], "may contain only a-z"),
                (["name": "commit", "prompt": "x", "commitMessage": .string(String(repeating: "c", count: 501))], "commitMessage: at most 500"),
                (["name": "chat-bad", "type": "chat", "prompt": "not a list"], "a chat prompt must be a list of messages"),
                (["name": "chat-bad", "type": "chat", "prompt": [["role": "user"]]], "needs string role and content"),
                (["name": "chat-bad", "type": "chat", "prompt": [["type": "placeholder", "name": "1st"]]], "a placeholder needs a name"),
                (["name": "clash", "type": "chat", "prompt": [["type": "placeholder", "name": "history"], ["role": "user", "content": "{{history}}"]]],
                 "is both a placeholder and a {{variable}}"),
                (["name": "text-bad", "type": "text", "prompt": ["not": "a string"]], "a text prompt must be a string"),
            ]
            for (body, message) in cases {
                let response = try await harness.send(client, .post, "/api/public/v2/prompts", body)
                #expect(response.status == .badRequest, "\(body.jsonText): 400, got \(response.status)")
                let text = try harness.json(response).objectValue?["message"]?.stringValue ?? ""
                #expect(text.contains(message), "\(body.jsonText): message names the rule (\(message)), got \(text)")
            }
            #expect(try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "ok", "prompt": "x"]).status.code == 201, "a valid one")
            let both = try await harness.send(client, .get, "/api/public/v2/prompts/ok?version=1&label=production")
            #expect(both.status == .badRequest, "version and label together")
            let patch = try await harness.send(client, .patch, "/api/public/v2/prompts/ok/versions/1", ["newLabels": ["latest"]])
            #expect(patch.status == .badRequest, "moving latest by hand")
            #expect(try harness.json(patch).objectValue?["message"]?.stringValue?.contains("'latest' is reserved") == true, "names the rule")
        }
    }
}
