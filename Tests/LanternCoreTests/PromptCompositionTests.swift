import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Prompt composition (`@@@langfusePrompt:…@@@` references resolved on GET), in process over the real SQLite plugin.
@Suite("Prompt composition in process")
struct PromptCompositionTests {
    let harness = APIHarness()

    private func create(_ client: any TestClientProtocol, _ name: String, _ prompt: JSONValue, type: String = "text",
                        labels: [String] = ["production"]) async throws {
        let body: JSONValue = ["name": .string(name), "type": .string(type), "prompt": prompt, "labels": .array(labels.map(JSONValue.string))]
        #expect(try await harness.send(client, .post, "/api/public/v2/prompts", body).status == .created, "create \(name)")
    }

    private func get(_ client: any TestClientProtocol, _ path: String) async throws -> (HTTPResponse.Status, [String: JSONValue]) {
        let response = try await harness.send(client, .get, path)
        return (response.status, try harness.json(response).objectValue ?? [:])
    }

    @Test func referencesResolveRecursivelyWithAGraph() async throws {
        try await harness.withServer { client, _ in
            try await create(client, "base", "Be kind.")
            try await create(client, "folder/mid", "@@@langfusePrompt:name=base|label=production@@@ And brief.")
            try await create(client, "root", "System: @@@langfusePrompt:name=folder/mid|version=1@@@ Q: {{question}}")
            let (status, root) = try await get(client, "/api/public/v2/prompts/root")
            #expect(status == .ok, "status")
            #expect(root["prompt"] == "System: Be kind. And brief. Q: {{question}}", "nested references resolved, variables untouched")
            let graph = root["resolutionGraph"]?.objectValue
            #expect(graph?["root"]?.objectValue?["name"] == "root", "resolutionGraph.root")
            let dependencies = graph?["dependencies"]?.objectValue ?? [:]
            #expect(dependencies.values.flatMap { $0.arrayValue ?? [] }.compactMap { $0.objectValue?["name"]?.stringValue }.sorted() == ["base", "folder/mid"],
                    "resolutionGraph.dependencies lists both levels")
            let (_, raw) = try await get(client, "/api/public/v2/prompts/root?resolve=false")
            #expect(raw["prompt"] == "System: @@@langfusePrompt:name=folder/mid|version=1@@@ Q: {{question}}", "resolve=false keeps the reference")
            #expect(raw["resolutionGraph"] == .null, "no graph without resolution")
            let (_, plain) = try await get(client, "/api/public/v2/prompts/base")
            #expect(plain["resolutionGraph"] == .null, "a prompt without references has no graph")
        }
    }

    @Test func chatMessagesResolveTheirContent() async throws {
        try await harness.withServer { client, _ in
            try await create(client, "persona", "You are a pirate.")
            try await create(client, "chatty", [["role": "system", "content": "@@@langfusePrompt:name=persona|label=production@@@"],
                                                ["type": "placeholder", "name": "history"]], type: "chat")
            let (_, chat) = try await get(client, "/api/public/v2/prompts/chatty")
            #expect(chat["prompt"] == [["role": "system", "content": "You are a pirate."], ["type": "placeholder", "name": "history"]],
                    "message content resolved, placeholder kept")
        }
    }

    @Test func brokenReferencesAreNamed() async throws {
        try await harness.withServer { client, _ in
            try await create(client, "a", "A @@@langfusePrompt:name=b|label=production@@@")
            try await create(client, "b", "B @@@langfusePrompt:name=a|label=production@@@")
            try await create(client, "missing", "M @@@langfusePrompt:name=ghost|version=3@@@")
            try await create(client, "bad", "X @@@langfusePrompt:name=a@@@")
            try await create(client, "chat-target", [["role": "user", "content": "hi"]], type: "chat")
            try await create(client, "embeds-chat", "@@@langfusePrompt:name=chat-target|label=production@@@")
            for (name, words) in [("a", "Circular prompt reference: a -> b -> a"), ("missing", "not found: name=ghost|version=3"),
                                  ("bad", "give either version or label"), ("embeds-chat", "only text prompts")] {
                let (status, body) = try await get(client, "/api/public/v2/prompts/\(name)")
                #expect(status == .badRequest, "status for \(name)")
                #expect(body["message"]?.stringValue?.contains(words) == true, "message for \(name) says '\(words)': \(body["message"] ?? .null)")
            }
        }
    }
}
