import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Usage and cost at ingestion with the shipped price table and tokenizers, and the models API, in process.
@Suite("Cost at ingestion and the models API in process")
struct CostAPITests {
    let harness = APIHarness()
    static let gpt4oID = "b9854a5c92dc496b997d99d20"

    /// Sends one ingestion batch and answers the observation as the API shows it.
    private func ingest(_ client: any TestClientProtocol, _ events: [JSONValue], read id: String) async throws -> [String: JSONValue] {
        let response = try await harness.send(client, .post, "/api/public/ingestion", ["batch": .array(events)])
        #expect(response.status.code == 207, "ingestion answered")
        return try harness.json(try await harness.send(client, .get, "/api/public/observations/\(id)")).objectValue ?? [:]
    }

    private static func generation(_ id: String, _ body: [String: JSONValue], type: String = "generation-create") -> JSONValue {
        var body = body
        body["id"] = .string(id)
        body["traceId"] = body["traceId"] ?? .string("trace-\(id)")
        body["startTime"] = body["startTime"] ?? "2026-06-01T12:00:00Z"
        return ["id": .string("event-\(id)-\(type)-\(body.count)"), "type": .string(type), "timestamp": "2026-06-01T12:00:00Z",
                "body": .object(body)]
    }

    @Test func builtInPricesCostEveryGeneration() async throws {
        try await harness.withServer(cost: RepositoryConfig.costSection) { client, _ in
            // gpt-4o standard tier: input 2.5e-6, output 1e-5 per token
            let plain = try await ingest(client, [Self.generation("g1", ["model": "gpt-4o", "usageDetails": ["input": 1000, "output": 100]])], read: "g1")
            #expect(plain["costDetails"] == ["input": 0.0025, "output": 0.001, "total": 0.0035], "1000 × 2.5e-6 + 100 × 1e-5")
            #expect(plain["modelId"] == .string(Self.gpt4oID), "the matched built-in model")
            #expect(plain["inputPrice"] == 2.5e-6 && plain["outputPrice"] == 1e-5, "its prices")
            #expect(plain["usageDetails"] == ["input": 1000, "output": 100, "total": 1100], "total added")

            // OpenAI chat usage: cached tokens become input_cached_tokens (1.25e-6) and leave input
            let openAI: JSONValue = ["prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200,
                                     "prompt_tokens_details": ["cached_tokens": 400]]
            let cached = try await ingest(client, [Self.generation("g2", ["model": "openai/GPT-4o", "usageDetails": openAI])], read: "g2")
            #expect(cached["usageDetails"] == ["input": 600, "input_cached_tokens": 400, "output": 200, "total": 1200], "OpenAI usage converted")
            // 600 × 2.5e-6 = 0.0015; 400 × 1.25e-6 = 0.0005; 200 × 1e-5 = 0.002 → 0.004
            #expect(cached["costDetails"] == ["input": 0.0015, "input_cached_tokens": 0.0005, "output": 0.002, "total": 0.004],
                    "cached tokens priced at the cache rate; the pattern is case-insensitive with an optional provider prefix")

            // priority service tier: the attribute tier (input 4.25e-6, output 1.7e-5)
            let fast = try await ingest(client, [Self.generation("g3", ["model": "gpt-4o", "modelParameters": ["service_tier": "priority"],
                                                                        "usageDetails": ["input": 1000, "output": 100]])], read: "g3")
            #expect(fast["costDetails"]?.objectValue?["total"] == 0.00595, "1000 × 4.25e-6 + 100 × 1.7e-5")

            // costs sent by the client are authoritative
            let provided = try await ingest(client, [Self.generation("g4", ["model": "gpt-4o", "usageDetails": ["input": 1000],
                                                                            "costDetails": ["input": 1, "output": 2]])], read: "g4")
            #expect(provided["costDetails"] == ["input": 1, "output": 2, "total": 3], "provided costs kept, total = input + output")
            #expect(provided["modelId"] == .null, "no model id on provided costs")

            // no usage: tokens inferred with gpt-4o's o200k tokenizer ("Hello world" = 2 tokens, "Hi there, how can I help?" = 8)
            let inferred = try await ingest(client, [Self.generation("g5", ["model": "gpt-4o", "input": "Hello world",
                                                                            "output": "Hi there, how can I help?"])], read: "g5")
            #expect(inferred["usageDetails"] == ["input": 2, "output": 8, "total": 10], "usage inferred by the tokenizer")
            #expect(inferred["costDetails"]?.objectValue?["total"] == 0.000085, "2 × 2.5e-6 + 8 × 1e-5")

            // no tokenizer for Claude models: no guess
            let claude = try await ingest(client, [Self.generation("g6", ["model": "claude-sonnet-4-20250514", "input": "Hello"])], read: "g6")
            #expect(claude["usageDetails"] == [:] && claude["costDetails"] == [:], "no usage invented without a tokenizer")

            // an unknown model keeps its usage and has no cost
            let unknown = try await ingest(client, [Self.generation("g7", ["model": "my-local-llm", "usageDetails": ["input": 5]])], read: "g7")
            #expect(unknown["costDetails"] == [:] && unknown["modelId"] == .null, "nothing matched")

            // the update that carries the usage does not name the model: the stored observation's model prices it
            _ = try await ingest(client, [Self.generation("g8", ["model": "gpt-4o"])], read: "g8")
            let updated = try await ingest(client, [Self.generation("g8", ["usageDetails": ["input": 100, "output": 10]], type: "generation-update")],
                                           read: "g8")
            #expect(updated["costDetails"]?.objectValue?["total"] == 0.00035, "100 × 2.5e-6 + 10 × 1e-5")

            // v2 observations: the model group carries the matched model and its prices as decimal strings, the usage
            // group the tier that priced the usage; without the model group the required keys are there as null.
            let v2 = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?fields=core,model,usage&limit=100"))
            let byID = Dictionary(uniqueKeysWithValues: (v2.objectValue?["data"]?.arrayValue ?? []).compactMap { item in
                item.objectValue.flatMap { object in object["id"]?.stringValue.map { ($0, object) } }
            })
            #expect(byID["g1"]?["modelId"] == .string(Self.gpt4oID) && byID["g1"]?["inputPrice"] == "0.0000025"
                    && byID["g1"]?["outputPrice"] == "0.00001" && byID["g1"]?["totalPrice"] == .null, "prices as decimal strings: \(byID["g1"] ?? [:])")
            #expect(byID["g1"]?["usagePricingTierName"] == "Standard", "the default tier priced g1")
            #expect(byID["g3"]?["usagePricingTierName"] == "Fast mode", "the service-tier condition picked the attribute tier")
            #expect(byID["g7"]?["usagePricingTierName"] == .null && byID["g7"]?["modelId"] == .null, "no model, no tier")
            let core = try harness.json(try await harness.send(client, .get, "/api/public/v2/observations?fields=core&limit=1"))
            let first = core.objectValue?["data"]?.arrayValue?.first?.objectValue ?? [:]
            #expect(["modelId", "inputPrice", "outputPrice", "totalPrice"].allSatisfy { first[$0] == .null }, "required keys, null: \(first)")

            let trace = try harness.json(try await harness.send(client, .get, "/api/public/traces/trace-g1")).objectValue
            #expect(trace?["totalCost"] == 0.0035, "the trace's total cost")
        }
    }

    @Test func projectModelsOverrideBuiltInOnes() async throws {
        try await harness.withServer(cost: RepositoryConfig.costSection) { client, _ in
            let body: JSONValue = ["modelName": "team-gpt-4o", "matchPattern": "(?i)^gpt-4o$", "unit": "TOKENS",
                                   "inputPrice": 0.001, "outputPrice": 0.002]
            let created = try await harness.send(client, .post, "/api/public/models", body)
            #expect(created.status == .ok, "create a project model")
            let model = try harness.json(created).objectValue ?? [:]
            let id = model["id"]?.stringValue ?? ""
            #expect(model["isLangfuseManaged"] == false && model["inputPrice"] == 0.001, "its fields")
            #expect(model["pricingTiers"]?.arrayValue?.count == 1, "flat prices become the default tier")

            let priced = try await ingest(client, [Self.generation("p1", ["model": "gpt-4o", "usageDetails": ["input": 10, "output": 1]])], read: "p1")
            #expect(priced["modelId"] == .string(id), "the project model wins over the built-in one")
            #expect(priced["costDetails"]?.objectValue?["total"] == 0.012, "10 × 0.001 + 1 × 0.002")

            let list = try harness.json(try await harness.send(client, .get, "/api/public/models?limit=2")).objectValue
            #expect(list?["data"]?.arrayValue?.first?.objectValue?["id"] == .string(id), "project models listed first")
            #expect((list?["meta"]?.objectValue?["totalItems"]?.numberValue ?? 0) > 100, "built-in models listed too")
            #expect(try await harness.send(client, .get, "/api/public/models/\(id)").status == .ok, "get by id")
            #expect(try await harness.send(client, .get, "/api/public/models/\(Self.gpt4oID)").status == .ok, "get a built-in one")
            #expect(try await harness.send(client, .get, "/api/public/models/\(id)", auth: APIHarness.beta).status == .notFound,
                    "another project does not see it")

            let duplicate = try await harness.send(client, .post, "/api/public/models", body)
            #expect(duplicate.status == .badRequest, "a second model with the same name")
            let badPattern = try await harness.send(client, .post, "/api/public/models",
                                                    ["modelName": "x", "matchPattern": "(", "unit": "TOKENS", "inputPrice": 1])
            #expect(badPattern.status == .badRequest, "a pattern that does not compile")
            #expect(try harness.json(badPattern).objectValue?["message"]?.stringValue?.contains("matchPattern") == true, "message names it")
            let both = try await harness.send(client, .post, "/api/public/models",
                                              ["modelName": "y", "matchPattern": "y", "unit": "TOKENS", "inputPrice": 1, "totalPrice": 2])
            #expect(both.status == .badRequest, "totalPrice with inputPrice")

            #expect(try await harness.send(client, .delete, "/api/public/models/\(Self.gpt4oID)").status == .badRequest, "built-in: not deletable")
            #expect(try await harness.send(client, .delete, "/api/public/models/\(id)").status == .ok, "delete the project model")
            let after = try await ingest(client, [Self.generation("p2", ["model": "gpt-4o", "usageDetails": ["input": 10, "output": 1]])], read: "p2")
            #expect(after["modelId"] == .string(Self.gpt4oID), "the built-in model prices again")
            #expect(try await harness.send(client, .delete, "/api/public/models/\(id)").status == .notFound, "delete again")
        }
    }
}
