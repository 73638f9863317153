import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Rule filters: what a request may name per target (errors with Langfuse's codes), and how conditions match.
@Suite("Evaluation rule filters")
struct RuleFilterTests {
    func subject(name: String = "answer", parent: String? = nil, tags: [String] = ["prod", "eu"], output: JSONValue? = nil) -> EvaluationSubject {
        var trace = Trace(id: "t", projectID: "p", timestamp: Date(), createdAt: Date())
        trace.name = "chat"
        trace.userID = "user-7"
        trace.tags = tags
        var observation = Observation(id: "o", traceID: "t", projectID: "p", type: .generation, startTime: Date(), createdAt: Date())
        observation.name = name
        observation.parentObservationID = parent
        observation.metadata = ["tier": "gold-plus"]
        observation.model = "gpt-4o"
        observation.output = output
        return EvaluationSubject(trace: trace, observation: observation)
    }

    func filter(_ conditions: [JSONValue], target: String = "observation") throws -> RuleFilter {
        try RuleFilter.parse(.array(conditions), target: target)
    }

    @Test func conditionsAreAndedAndTheFirstMismatchIsNamed() throws {
        let rule = try filter([
            ["type": "stringOptions", "column": "type", "operator": "any of", "value": ["GENERATION"]],
            ["type": "stringObject", "column": "metadata", "key": "tier", "operator": "starts with", "value": "gold"],
            ["type": "arrayOptions", "column": "tags", "operator": "all of", "value": ["prod", "eu"]],
            ["type": "boolean", "column": "isRootObservation", "operator": "=", "value": true],
            ["type": "string", "column": "userId", "operator": "=", "value": "user-7"],
            ["type": "stringOptions", "column": "traceName", "operator": "none of", "value": ["batch"]],
        ])
        #expect(rule.mismatch(subject()) == nil)
        let nested = rule.mismatch(subject(parent: "root"))
        #expect(nested?.contains("isRootObservation = true did not match (value: false)") == true, "\(nested ?? "")")
        #expect(rule.mismatch(subject(tags: ["prod"]))?.contains("tags all of") == true)
    }

    @Test func toolCallsAreCountedAndNamedFromTheOutput() throws {
        let output: JSONValue = ["role": "assistant", "tool_calls": [
            ["id": "c1", "type": "function", "function": ["name": "search", "arguments": "{}"]],
            ["id": "c2", "type": "function", "function": ["name": "calculator", "arguments": "{}"]],
        ]]
        let rule = try filter([["type": "number", "column": "toolCalls", "operator": ">=", "value": 2],
                               ["type": "arrayOptions", "column": "calledToolNames", "operator": "any of", "value": ["calculator"]]])
        #expect(rule.mismatch(subject(output: output)) == nil)
        #expect(rule.mismatch(subject()) != nil)
        #expect(EvaluationSubject(trace: subject().trace, observation: subject(output: output).observation).source("tool_calls")?.arrayValue?.count == 2)
    }

    @Test func requestsNameTheBadConditionWithLangfusesCodes() {
        func refusal(_ condition: JSONValue, target: String = "observation") -> APIError? {
            do { _ = try filter([condition], target: target); return nil } catch { return error as? APIError }
        }
        let column = refusal(["type": "stringOptions", "column": "datasetId", "operator": "any of", "value": ["d"]])
        #expect(column?.code == "invalid_filter_value" && column?.message.hasPrefix("filter[0].column") == true)
        let values = refusal(["type": "stringOptions", "column": "level", "operator": "any of", "value": ["LOUD"]])
        #expect(values?.code == "invalid_filter_value" && values?.details?.objectValue?["invalidValues"] == ["LOUD"])
        let op = refusal(["type": "string", "column": "userId", "operator": "matches", "value": "x"])
        #expect(op?.code == "invalid_body" && op?.message.hasPrefix("filter[0].operator") == true)
        let key = refusal(["type": "stringObject", "column": "metadata", "operator": "=", "value": "x"])
        #expect(key?.message.hasPrefix("filter[0].key") == true)
        #expect(refusal(["type": "stringOptions", "column": "datasetId", "operator": "any of", "value": ["d"]], target: "experiment") == nil)
    }
}
