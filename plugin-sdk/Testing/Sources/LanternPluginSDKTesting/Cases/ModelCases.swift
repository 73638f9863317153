import Foundation
import LanternPluginSDK

/// ModelStore (project model definitions) and the model an observation's cost came from.
enum ModelCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("models: saved whole, replaced by id keeping createdAt, listed oldest first, deleted", needs: .models) { c in
            let store = try c.require(c.storage as? any ModelStore, "the storage conforms to ModelStore")
            let tiers = [
                PricingTier(id: "t0", name: "Standard", isDefault: true, priority: 0, prices: ["input": 2.5e-6, "output": 1e-5]),
                PricingTier(id: "t1", name: "Long context", isDefault: false, priority: 1,
                            conditions: [.usage(pattern: "(input)", comparison: .gt, value: 200_000, caseSensitive: false),
                                         .attribute(source: .modelParameters, key: "service_tier", values: ["priority"])],
                            prices: ["input": 5e-6, "output": 2e-5]),
            ]
            let first = ModelDefinition(id: "m-1", projectID: c.projectID, modelName: "custom-4o", matchPattern: "(?i)^custom-4o$",
                                        startDate: c.at(5), unit: "TOKENS", tokenizerID: "openai",
                                        tokenizerConfig: ["tokenizerModel": "gpt-4o", "tokensPerMessage": 3], pricingTiers: tiers,
                                        createdAt: c.at(10))
            let stored = try await store.saveModel(first)
            c.expectEqual(stored, first, "saveModel returns it as stored")
            c.expectEqual(try await store.model(projectID: c.projectID, id: "m-1"), first, "every field read back")
            _ = try await store.saveModel(ModelDefinition(id: "m-0", projectID: c.projectID, modelName: "older", matchPattern: "^older$",
                                                          createdAt: c.at(1)))
            var replaced = first
            replaced.matchPattern = "(?i)^custom-4o(-mini)?$"
            replaced.createdAt = c.at(99)
            let again = try await store.saveModel(replaced)
            c.expectEqual(again.createdAt, c.at(10), "createdAt kept by a replace")
            c.expectEqual(try await store.model(projectID: c.projectID, id: "m-1")?.matchPattern, "(?i)^custom-4o(-mini)?$", "pattern replaced")
            c.expectEqual(try await store.models(projectID: c.projectID).map(\.id), ["m-0", "m-1"], "listed oldest first")
            c.expect(try await store.allModels().filter { $0.projectID == c.projectID }.count == 2, "allModels includes the project's")
            c.expect(try await store.model(projectID: c.otherProjectID, id: "m-1") == nil, "another project does not see it")
            c.expectEqual(try await store.deleteModel(projectID: c.otherProjectID, id: "m-1"), false, "another project cannot delete it")
            c.expectEqual(try await store.deleteModel(projectID: c.projectID, id: "m-1"), true, "delete")
            c.expect(try await store.model(projectID: c.projectID, id: "m-1") == nil, "gone")
            c.expectEqual(try await store.deleteModel(projectID: c.projectID, id: "m-1"), false, "delete again")
        },
        ConformanceCase("observations: the cost's model id travels with the costs") { c in
            let traceID = CaseContext.freshID(), id = CaseContext.freshID()
            var priced = Events.observationUpdate(id, traceID: traceID, type: .generation, start: c.at(1))
            priced.model = "gpt-4o"
            priced.usageDetails = ["input": 100, "output": 10, "total": 110]
            priced.costDetails = ["input": 0.00025, "output": 0.0001, "total": 0.00035]
            priced.modelID = "model-a"
            try await c.write([Events.observation(priced, at: c.at(1))])
            c.expectEqual(try await c.storage.observation(projectID: c.projectID, id: id)?.modelID, "model-a", "stored with its costs")
            var usageOnly = Events.observationUpdate(id, traceID: traceID, type: .generation)
            usageOnly.usageDetails = ["input": 200, "output": 20, "total": 220]
            try await c.write([Events.observation(usageOnly, at: c.at(2), update: true)])
            c.expectEqual(try await c.storage.observation(projectID: c.projectID, id: id)?.modelID, "model-a", "an update without costs keeps it")
            var provided = Events.observationUpdate(id, traceID: traceID, type: .generation)
            provided.costDetails = ["total": 1]
            try await c.write([Events.observation(provided, at: c.at(3), update: true)])
            let read = try c.require(try await c.storage.observation(projectID: c.projectID, id: id), "observation")
            c.expect(read.modelID == nil, "costs sent by the client replace the computed ones and their model id")
            c.expectEqual(read.costDetails, ["total": 1], "the provided costs")
            c.expectEqual(read.usageDetails, ["input": 200, "output": 20, "total": 220], "the latest usage")
        },
    ]
}
