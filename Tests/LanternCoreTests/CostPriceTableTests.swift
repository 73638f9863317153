import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// The built-in price table loader: the file format, Langfuse's tier shapes, and errors that name file and key.
@Suite("Cost: price table")
struct CostPriceTableTests {
    /// A small table in Lantern's format (`config/model-prices.json`).
    static let fixture = #"""
    {
      "description": "Test prices",
      "models": [
        {
          "id": "m-gpt-4o", "modelName": "gpt-4o", "matchPattern": "(?i)^(openai/)?(gpt-4o)$",
          "startDate": null, "unit": "TOKENS", "tokenizerId": "openai",
          "tokenizerConfig": {"tokenizerModel": "gpt-4o", "tokensPerMessage": 3, "tokensPerName": 1},
          "pricingTiers": [
            {"id": "m-gpt-4o-standard", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [],
             "prices": {"input": 2.5e-06, "output": 1e-05}},
            {"id": "m-gpt-4o-fast", "name": "Fast mode", "isDefault": false, "priority": 1,
             "conditions": [{"source": "model_parameters", "key": "service_tier", "operator": "in", "values": ["fast", "priority"]}],
             "prices": {"input": 4.25e-06, "output": 1.7e-05}}
          ],
          "source": {"url": "https://openai.com/api/pricing", "retrieved": "2026-08-20"}
        },
        {
          "id": "m-long", "modelName": "long-context", "matchPattern": "^long-context$",
          "startDate": "2026-01-01T00:00:00Z", "unit": "CHARACTERS", "tokenizerId": null, "tokenizerConfig": null,
          "pricingTiers": [
            {"id": "m-long-standard", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [],
             "prices": {"input": 1e-06}},
            {"id": "m-long-large", "name": "Large", "isDefault": false, "priority": 1,
             "conditions": [{"usageDetailPattern": "^input", "operator": "gte", "value": 1000, "caseSensitive": true}],
             "prices": {"input": 2e-06}}
          ]
        }
      ]
    }
    """#

    @Test func loadsTheLanternFormat() throws {
        let loadedAt = Date(timeIntervalSince1970: 1_000)
        let models = try ModelPriceTable.parse(Self.fixture, file: "config/model-prices.json", loadedAt: loadedAt)
        #expect(models.count == 2)
        let gpt = try #require(models.first)
        #expect(gpt.id == "m-gpt-4o" && gpt.modelName == "gpt-4o" && gpt.matchPattern == "(?i)^(openai/)?(gpt-4o)$")
        #expect(gpt.projectID == nil && gpt.isBuiltIn)
        #expect(gpt.startDate == nil && gpt.unit == "TOKENS" && gpt.tokenizerID == "openai")
        #expect(gpt.tokenizerConfig == ["tokenizerModel": "gpt-4o", "tokensPerMessage": 3, "tokensPerName": 1])
        #expect(gpt.createdAt == loadedAt && gpt.updatedAt == loadedAt, "no createdAt in the entry: the load time")
        #expect(gpt.pricingTiers == [
            PricingTier(id: "m-gpt-4o-standard", name: "Standard", isDefault: true, priority: 0,
                        prices: ["input": 2.5e-06, "output": 1e-05]),
            PricingTier(id: "m-gpt-4o-fast", name: "Fast mode", isDefault: false, priority: 1,
                        conditions: [.attribute(source: .modelParameters, key: "service_tier", values: ["fast", "priority"])],
                        prices: ["input": 4.25e-06, "output": 1.7e-05]),
        ])
        let long = models[1]
        #expect(long.startDate == ISO8601Timestamp.parse("2026-01-01T00:00:00Z") && long.unit == "CHARACTERS")
        #expect(long.tokenizerID == nil && long.tokenizerConfig == nil)
        #expect(long.pricingTiers.last?.conditions == [.usage(pattern: "^input", comparison: .gte, value: 1000, caseSensitive: true)])
    }

    @Test func acceptsLangfuseTableShapes() throws {
        let models = try CostReferenceExcerpt.definitions()
        #expect(models.map(\.modelName) == ["gpt-4o", "o1", "o3", "claude-sonnet-4-20250514", "gemini-2.5-pro"])
        #expect(models.allSatisfy { $0.unit == nil && $0.startDate == nil }, "Langfuse's table has neither")
        let gemini = try CostReferenceExcerpt.definition("gemini-2.5-pro")
        #expect(gemini.createdAt == ISO8601Timestamp.parse("2025-11-26T13:27:53.545Z"))
        #expect(gemini.pricingTiers[1].conditions
            == [.usage(pattern: "(input|prompt|cached)", comparison: .gt, value: 200_000, caseSensitive: false)])
        #expect(try CostReferenceExcerpt.definition("o3").pricingTiers.map(\.name) == ["Standard", "Fast mode", "Flex"])
        #expect(try CostReferenceExcerpt.definition("claude-sonnet-4-20250514").tokenizerID == "claude")
    }

    @Test func reportsEveryProblemWithFileAndKeyPath() {
        let broken = #"""
        {"description": "broken", "colour": "red", "models": [
          {"id": "a", "modelName": "a", "matchPattern": "(unclosed", "unit": "WORDS", "tokenizerConfig": "x", "pricingTier": [],
           "pricingTiers": [
             {"id": "t1", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": -1, "output": "2"}}
           ]},
          {"id": "a", "modelName": "", "matchPattern": "^b$", "startDate": "yesterday", "pricingTiers": [
             {"id": "t1", "name": "One", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1}},
             {"id": "t2", "name": "Two", "isDefault": true, "priority": 1,
              "conditions": [{"usageDetailPattern": "(", "operator": "over", "value": 1, "caseSensitive": false},
                             {"source": "headers", "key": "k", "operator": "in", "values": []}],
              "prices": {"input": 1}}
           ]},
          {"id": "c", "modelName": "c", "matchPattern": "^c$", "pricingTiers": [
             {"id": "c1", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1}},
             {"id": "c1", "name": "Big", "isDefault": false, "priority": 1,
              "conditions": [{"usageDetailPattern": "input", "operator": "gt", "value": 9}], "prices": {"input": 2}}
           ]},
          {"id": "c", "modelName": "c2", "matchPattern": "^c$", "pricingTiers": [
             {"id": "c3", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1}}
           ]},
          42
        ]}
        """#
        let file = "config/model-prices.json"
        let problems = Self.problems(broken, file: file)
        let expected = [
            "colour: unknown key",
            "models[0].pricingTier: unknown key",
            "models[0].matchPattern: is not a valid regular expression",
            "models[0].unit: must be one of TOKENS, CHARACTERS, MILLISECONDS, SECONDS, REQUESTS, IMAGES (got \"WORDS\")",
            "models[0].tokenizerConfig: must be an object or null",
            "models[0].pricingTiers[0].prices.input: must be a non-negative number",
            "models[0].pricingTiers[0].prices.output: must be a non-negative number",
            "models[1].modelName: must not be empty",
            "models[1].startDate: must be an ISO 8601 date-time string or null",
            "models[1].pricingTiers[1].conditions[0].usageDetailPattern: is not a valid regular expression",
            "models[1].pricingTiers[1].conditions[0].operator: must be one of gt, gte, lt, lte, eq, neq (got \"over\")",
            "models[1].pricingTiers[1].conditions[1].source: must be one of model_parameters, metadata (got \"headers\")",
            "models[1].pricingTiers[1].conditions[1].values: must be a non-empty array of non-empty strings",
            "models[2].pricingTiers[1].id: \"c1\" is also the id of models[2].pricingTiers[0]",
            "models[3].id: \"c\" is also the id of models[2]",
            "models[4]: must be an object",
        ]
        for text in expected {
            #expect(problems.contains { $0.hasPrefix("\(file): \(text)") }, "reported: \(text)")
        }
        #expect(problems.allSatisfy { $0.hasPrefix("\(file): ") }, "every line names the file")
        #expect(problems.count == expected.count, "nothing else: \(problems.joined(separator: "\n"))")
    }

    @Test func checksTheTiersOfEachModelTogether() {
        let table = #"""
        {"models": [
          {"id": "a", "modelName": "a", "matchPattern": "^a$", "pricingTiers": [
             {"id": "a1", "name": "Standard", "isDefault": true, "priority": 1, "conditions": [
               {"usageDetailPattern": "input", "operator": "gt", "value": 1, "caseSensitive": false}], "prices": {"input": 1}},
             {"id": "a2", "name": "Standard", "isDefault": false, "priority": 1, "conditions": [], "prices": {"output": 1}}
          ]},
          {"id": "b", "modelName": "b", "matchPattern": "^b$", "pricingTiers": [
             {"id": "b1", "name": "One", "isDefault": false, "priority": 1,
              "conditions": [{"source": "metadata", "key": "k", "operator": "in", "values": ["v"]}], "prices": {"input": 1}}
          ]},
          {"id": "c", "modelName": "c", "matchPattern": "^c$", "pricingTiers": []},
          {"id": "b", "modelName": "d", "matchPattern": "^d$", "pricingTiers": [
             {"id": "d1", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {}}
          ]}
        ]}
        """#
        let problems = Self.problems(table, file: "t.json")
        let expected = [
            "t.json: models[0].pricingTiers[0].priority: the default tier must have priority 0",
            "t.json: models[0].pricingTiers[0].conditions: the default tier must have no conditions",
            "t.json: models[0].pricingTiers[1].conditions: a tier that is not the default needs at least one condition",
            "t.json: models[0].pricingTiers[1].priority: duplicates another tier's priority",
            "t.json: models[0].pricingTiers[1].name: duplicates another tier's name",
            "t.json: models[0].pricingTiers[1].prices: must price the same usage types as the default tier (expected input; got output)",
            "t.json: models[1].pricingTiers: exactly one tier must have isDefault: true (found 0)",
            "t.json: models[2].pricingTiers: at least one pricing tier is required",
            "t.json: models[3].pricingTiers[0].prices: needs at least one price",
        ]
        for text in expected { #expect(problems.contains(text), "reported: \(text)") }
        #expect(!problems.contains { $0.contains("models[3].id") }, "a model with problems is not checked for duplicate ids")
    }

    @Test func rejectsFilesThatAreNotATable() {
        #expect(Self.problems("{\"models\": [", file: "f.json").first?.hasPrefix("f.json: is not valid JSON") == true)
        #expect(Self.problems("[]", file: "f.json") == [#"f.json: must be a JSON object with "description" and "models""#])
        #expect(Self.problems("{}", file: "f.json") == ["f.json: models: is required"])
        #expect(Self.problems(#"{"models": {}}"#, file: "f.json") == ["f.json: models: must be an array"])
        #expect(throws: ModelPriceTableError.self) { try ModelPriceTable.load(path: "/nonexistent/model-prices.json") }
    }

    @Test func loadsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-prices-\(UInt64.random(in: 0...UInt64.max)).json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.fixture.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ModelPriceTable.load(path: path).map(\.id) == ["m-gpt-4o", "m-long"])
    }

    /// The problems reported for `text`, or none when it loads.
    static func problems(_ text: String, file: String) -> [String] {
        do {
            _ = try ModelPriceTable.parse(text, file: file, loadedAt: Date())
            return []
        } catch {
            return error.problems
        }
    }
}

/// Five models copied from Langfuse's built-in price table (shared/reference/langfuse-default-model-prices.json,
/// MIT), in the table's own shapes: tiers with usage and attribute conditions, `createdAt`/`updatedAt`, no `unit`.
enum CostReferenceExcerpt {
    static let models = #"""
    [
        {"id": "b9854a5c92dc496b997d99d20", "modelName": "gpt-4o", "matchPattern": "(?i)^(openai/)?(gpt-4o)$", "createdAt": "2024-05-13T23:15:07.670Z", "updatedAt": "2026-08-20T00:00:00.000Z", "tokenizerConfig": {"tokensPerName": 1, "tokenizerModel": "gpt-4o", "tokensPerMessage": 3}, "tokenizerId": "openai", "pricingTiers": [
            {"id": "b9854a5c92dc496b997d99d20_tier_default", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 2.5e-06, "input_cached_tokens": 1.25e-06, "input_cache_read": 1.25e-06, "output": 1e-05, "cache_read_input_tokens": 1.25e-06}},
            {"id": "ba3b2121-9c68-4333-af3b-26f98fbab7ee", "name": "Fast mode", "isDefault": false, "priority": 1, "conditions": [{"source": "model_parameters", "key": "service_tier", "operator": "in", "values": ["fast", "priority"]}], "prices": {"input": 4.25e-06, "input_cached_tokens": 2.125e-06, "input_cache_read": 2.125e-06, "output": 1.7e-05, "cache_read_input_tokens": 2.125e-06}}
        ]},
        {"id": "cm48cjxtc000108jrcsso3avv", "modelName": "o1", "matchPattern": "(?i)^(openai/)?(o1)$", "createdAt": "2025-01-17T00:01:35.373Z", "updatedAt": "2025-12-12T15:00:06.513Z", "pricingTiers": [
            {"id": "cm48cjxtc000108jrcsso3avv_tier_default", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1.5e-05, "input_cached_tokens": 7.5e-06, "input_cache_read": 7.5e-06, "output": 6e-05, "output_reasoning_tokens": 6e-05, "output_reasoning": 6e-05}}
        ]},
        {"id": "cm7wmny967124dhjtb95w8f81", "modelName": "o3", "matchPattern": "(?i)^(openai/)?(o3)$", "createdAt": "2025-04-16T23:26:54.132Z", "updatedAt": "2026-08-20T00:00:00.000Z", "pricingTiers": [
            {"id": "cm7wmny967124dhjtb95w8f81_tier_default", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 2e-06, "input_cached_tokens": 5e-07, "input_cache_read": 5e-07, "output": 8e-06, "output_reasoning_tokens": 8e-06, "output_reasoning": 8e-06, "cache_read_input_tokens": 5e-07, "reasoning_tokens": 8e-06}},
            {"id": "ad862208-0cc4-4ad6-868d-363fbaace2b2", "name": "Fast mode", "isDefault": false, "priority": 1, "conditions": [{"source": "model_parameters", "key": "service_tier", "operator": "in", "values": ["fast", "priority"]}], "prices": {"input": 3.5e-06, "input_cached_tokens": 8.75e-07, "input_cache_read": 8.75e-07, "output": 1.4e-05, "output_reasoning_tokens": 1.4e-05, "output_reasoning": 1.4e-05, "cache_read_input_tokens": 8.75e-07, "reasoning_tokens": 1.4e-05}},
            {"id": "0c5034e2-181e-4942-bd65-4a210bfd48dd", "name": "Flex", "isDefault": false, "priority": 2, "conditions": [{"source": "model_parameters", "key": "service_tier", "operator": "in", "values": ["flex"]}], "prices": {"input": 1e-06, "input_cached_tokens": 2.5e-07, "input_cache_read": 2.5e-07, "output": 4e-06, "output_reasoning_tokens": 4e-06, "output_reasoning": 4e-06, "cache_read_input_tokens": 2.5e-07, "reasoning_tokens": 4e-06}}
        ]},
        {"id": "cmazmkzlm00000djp1e1qe4k4", "modelName": "claude-sonnet-4-20250514", "matchPattern": "(?i)^(anthropic/)?(claude-sonnet-4(-20250514)?|(eu\\.|us\\.|apac\\.|au\\.|jp\\.|global\\.)?anthropic\\.claude-sonnet-4(-20250514)?-v1(:0)?|claude-sonnet-4-V1(@20250514)?|claude-sonnet-4(@20250514)?)$", "createdAt": "2025-05-22T17:09:02.131Z", "updatedAt": "2026-07-28T00:00:00.000Z", "tokenizerId": "claude", "pricingTiers": [
            {"id": "cmazmkzlm00000djp1e1qe4k4_tier_default", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 3e-06, "input_tokens": 3e-06, "output": 1.5e-05, "output_tokens": 1.5e-05, "cache_creation_input_tokens": 3.75e-06, "input_cache_creation": 3.75e-06, "input_cache_creation_5m": 3.75e-06, "input_cache_creation_1h": 6e-06, "cache_read_input_tokens": 3e-07, "input_cached_tokens": 3e-07, "input_cache_read": 3e-07}}
        ]},
        {"id": "cmig1hb7i000104l72qrzgc6h", "modelName": "gemini-2.5-pro", "matchPattern": "(?i)^(google(ai)?/)?(gemini-2.5-pro)$", "createdAt": "2025-11-26T13:27:53.545Z", "updatedAt": "2026-07-14T00:00:00.000Z", "pricingTiers": [
            {"id": "cmig1hb7i000104l72qrzgc6h_tier_default", "name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1.25e-06, "input_text": 1.25e-06, "input_modality_1": 1.25e-06, "prompt_token_count": 1.25e-06, "promptTokenCount": 1.25e-06, "input_cached_tokens": 1.25e-07, "cached_content_token_count": 1.25e-07, "output": 1e-05, "output_text": 1e-05, "output_modality_1": 1e-05, "candidates_token_count": 1e-05, "candidatesTokenCount": 1e-05, "thoughtsTokenCount": 1e-05, "thoughts_token_count": 1e-05, "output_reasoning_tokens": 1e-05, "output_reasoning": 1e-05}},
            {"id": "bcf39e8f-9969-455f-be9a-541a00256092", "name": "Large Context", "isDefault": false, "priority": 1, "conditions": [{"usageDetailPattern": "(input|prompt|cached)", "operator": "gt", "value": 200000, "caseSensitive": false}], "prices": {"input": 2.5e-06, "input_text": 2.5e-06, "input_modality_1": 2.5e-06, "prompt_token_count": 2.5e-06, "promptTokenCount": 2.5e-06, "input_cached_tokens": 2.5e-07, "cached_content_token_count": 2.5e-07, "output": 1.5e-05, "output_text": 1.5e-05, "output_modality_1": 1.5e-05, "candidates_token_count": 1.5e-05, "candidatesTokenCount": 1.5e-05, "thoughtsTokenCount": 1.5e-05, "thoughts_token_count": 1.5e-05, "output_reasoning_tokens": 1.5e-05, "output_reasoning": 1.5e-05}}
        ]}
    ]
    """#

    /// The excerpt as a price table file.
    static var file: String { #"{"description": "Langfuse excerpt", "models": \#(models)}"# }

    /// The excerpt's definitions, loaded by ``ModelPriceTable``.
    static func definitions() throws -> [ModelDefinition] {
        try ModelPriceTable.parse(file, file: "excerpt.json", loadedAt: Date(timeIntervalSince1970: 0))
    }

    /// One definition of the excerpt by model name.
    static func definition(_ modelName: String) throws -> ModelDefinition {
        try #require(try definitions().first { $0.modelName == modelName })
    }
}
