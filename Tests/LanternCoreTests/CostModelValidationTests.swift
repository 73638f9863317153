import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// `POST /api/public/models` bodies: Langfuse's create rules, and errors that name the field.
@Suite("Cost: model create requests")
struct CostModelValidationTests {
    private static let now = Date(timeIntervalSince1970: 1_000)

    private func definition(_ body: [String: JSONValue]) throws(ValidationFailure) -> ModelDefinition {
        try ModelDefinitionValidator.definition(from: body, id: "model-1", projectID: "p1", now: Self.now)
    }

    /// The failure message for `body`, nil when it is valid.
    private func failure(_ body: [String: JSONValue]) -> String? {
        do {
            _ = try definition(body)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func flatPricesMakeOneStandardTier() throws {
        let model = try definition([
            "modelName": "my-gpt", "matchPattern": "(?i)^my-gpt$", "unit": "TOKENS", "startDate": "2026-01-01T00:00:00Z",
            "inputPrice": 0.000001, "outputPrice": 0.000002, "totalPrice": nil, "tokenizerId": "openai",
            "tokenizerConfig": ["tokenizerModel": "gpt-4o"], "somethingElse": true,
        ])
        #expect(model.id == "model-1" && model.projectID == "p1" && model.modelName == "my-gpt" && model.unit == "TOKENS")
        #expect(model.startDate == ISO8601Timestamp.parse("2026-01-01T00:00:00Z") && model.createdAt == Self.now)
        #expect(model.tokenizerID == "openai" && model.tokenizerConfig == ["tokenizerModel": "gpt-4o"])
        #expect(model.pricingTiers == [PricingTier(id: "model-1_tier_default", name: "Standard", isDefault: true, priority: 0,
                                                   prices: ["input": 0.000001, "output": 0.000002])])
        #expect(try definition(["modelName": "t", "matchPattern": "^t$", "unit": "REQUESTS", "totalPrice": 0.5]).pricingTiers.first?.prices
            == ["total": 0.5])
    }

    @Test func pricingTiersGetIDsFromTheModel() throws {
        let model = try definition([
            "modelName": "tiered", "matchPattern": "^tiered$", "unit": "TOKENS",
            "pricingTiers": [
                ["name": " Standard ", "isDefault": true, "priority": 0, "conditions": [], "prices": ["input": 1, "output": 2]],
                ["name": "Large", "priority": 1, "prices": ["input": 2, "output": 4],
                 "conditions": [["usageDetailPattern": "input", "operator": "gt", "value": 200_000]]],
            ],
        ])
        #expect(model.pricingTiers == [
            PricingTier(id: "model-1_tier_default", name: "Standard", isDefault: true, priority: 0, prices: ["input": 1, "output": 2]),
            PricingTier(id: "model-1_tier_1", name: "Large", isDefault: false, priority: 1,
                        conditions: [.usage(pattern: "input", comparison: .gt, value: 200_000, caseSensitive: false)],
                        prices: ["input": 2, "output": 4]),
        ], "names trimmed; isDefault and caseSensitive default to false")
    }

    /// The OpenAPI document lets `unit` be null or absent, as Langfuse's handler does; the model then has no unit.
    @Test func aNullOrAbsentUnitIsAccepted() throws {
        #expect(try definition(["modelName": "m", "matchPattern": "^m$", "unit": nil, "inputPrice": 1]).unit == nil)
        #expect(try definition(["modelName": "m", "matchPattern": "^m$", "inputPrice": 1]).unit == nil)
    }

    @Test func failuresNameTheField() {
        let base: [String: JSONValue] = ["modelName": "m", "matchPattern": "^m$", "unit": "TOKENS", "inputPrice": 1]
        func with(_ changes: [String: JSONValue]) -> [String: JSONValue] { base.merging(changes) { $1 } }
        let cases: [([String: JSONValue], String)] = [
            ([:], "modelName: is required"),
            (with(["modelName": nil]), "modelName: is required"),
            (with(["matchPattern": "(unclosed"]), "matchPattern: is not a valid regular expression"),
            (with(["unit": "WORDS"]), "unit: must be one of TOKENS"),
            (with(["startDate": "soon"]), "startDate: must be an ISO 8601 date-time string or null"),
            (with(["tokenizerId": "gemini"]), "tokenizerId: must be one of openai, claude"),
            (with(["inputPrice": -1]), "inputPrice: must be a non-negative number"),
            (with(["totalPrice": 3]), "totalPrice: must be null when inputPrice or outputPrice is set"),
            (with(["inputPrice": nil]), "pricingTiers: either flat prices"),
            (with(["pricingTiers": [["name": "S", "isDefault": true, "priority": 0, "conditions": [], "prices": ["input": 1]]]]),
             "pricingTiers: must not be given with flat prices"),
            (with(["inputPrice": nil, "pricingTiers": [["name": "S", "isDefault": true, "priority": 1, "conditions": [], "prices": ["input": 1]]]]),
             "pricingTiers[0].priority: the default tier must have priority 0"),
            (with(["inputPrice": nil, "pricingTiers": [["name": "S", "priority": 0, "conditions": [], "prices": ["input": 1]]]]),
             "pricingTiers: exactly one tier must have isDefault: true (found 0)"),
            (with(["inputPrice": nil, "pricingTiers": [["name": "S", "isDefault": true, "priority": 0, "conditions": [], "prices": ["input": "1"]]]]),
             "pricingTiers[0].prices.input: must be a non-negative number"),
            (with(["inputPrice": nil, "pricingTiers": [["name": "S", "isDefault": true, "priority": 1000, "conditions": [], "prices": ["input": 1]]]]),
             "pricingTiers[0].priority: must be a whole number from 0 to 999"),
            (with(["inputPrice": nil, "pricingTiers": [
                ["name": "S", "isDefault": true, "priority": 0, "conditions": [], "prices": ["input": 1]],
                ["name": "L", "priority": 1, "prices": ["input": 2],
                 "conditions": [["usageDetailPattern": .string(String(repeating: "a", count: 201)), "operator": "gt", "value": 1]]],
            ]]), "pricingTiers[1].conditions[0].usageDetailPattern: must be at most 200 characters"),
            (with(["inputPrice": nil, "pricingTiers": [
                ["name": "S", "isDefault": true, "priority": 0, "conditions": [], "prices": ["input": 1]],
                ["name": "F", "priority": 1, "prices": ["input": 2],
                 "conditions": [["source": "model_parameters", "key": "service_tier", "operator": "eq", "values": ["fast"]]]],
            ]]), "pricingTiers[1].conditions[0].operator: must be one of in"),
        ]
        for (body, expected) in cases {
            let message = failure(body)
            #expect(message?.contains(expected) == true, "\(expected) — got \(message ?? "no failure")")
        }
        let several = failure(["matchPattern": 3, "unit": "TOKENS"]) ?? ""
        #expect(several.contains("modelName: is required") && several.contains("matchPattern: must be a string")
                && several.contains("pricingTiers: either flat prices"), "every problem in one message: \(several)")
    }
}
