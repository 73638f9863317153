import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Variable extraction: the JSON path subset, deep parsing of JSON held in strings, and prompt filling.
@Suite("Evaluation prompts")
struct JSONPathAndPromptTests {
    let document: JSONValue = ["messages": [["role": "user", "content": "hi"], ["role": "assistant", "content": "hello"]],
                               "meta": ["user id": "u-1", "score": 3]]

    @Test func pathsSelectKeysIndexesAndWildcards() throws {
        #expect(try JSONPath("$").select(in: document) == document)
        #expect(try JSONPath("$.messages[0].content").select(in: document) == "hi")
        #expect(try JSONPath("$.messages[-1].role").select(in: document) == "assistant")
        #expect(try JSONPath("$['meta']['user id']").select(in: document) == "u-1")
        #expect(try JSONPath("$.messages[*].content").select(in: document) == ["hi", "hello"])
        #expect(try JSONPath("$.missing.deeper").select(in: document) == nil)
        #expect(try JSONPath("$.messages[7]").select(in: document) == nil)
    }

    @Test func malformedPathsNameTheProblem() {
        for (path, words) in [("messages[0]", "must start with $"), ("$.", "followed by a key"), ("$[abc]", "neither an index"),
                              ("$.a[0", "unclosed")] {
            do {
                _ = try JSONPath(path)
                Issue.record("\(path) parsed")
            } catch {
                #expect(error.description.contains(words), "\(path): \(error)")
            }
        }
    }

    @Test func promptsFillMappedVariablesAndLeaveTheRestAlone() throws {
        var observation = Observation(id: "o", traceID: "t", projectID: "p", type: .generation, startTime: Date(), createdAt: Date())
        observation.input = .string(#"{"question": "2+2?", "nested": "{\"deep\": 4}"}"#)
        observation.output = .null
        observation.metadata = ["tier": "gold"]
        let trace = Trace(id: "t", projectID: "p", timestamp: Date(), createdAt: Date())
        let subject = EvaluationSubject(trace: trace, observation: observation)
        let mapping = [VariableMapping(variable: "q", source: "input", jsonPath: "$.question"),
                       VariableMapping(variable: "deep", source: "input", jsonPath: "$.nested.deep"),
                       VariableMapping(variable: "out", source: "output", jsonPath: nil),
                       VariableMapping(variable: "meta", source: "metadata", jsonPath: nil)]
        let values = PromptCompiler.values(mapping, subject: subject)
        #expect(values == ["q": "2+2?", "deep": "4", "out": "", "meta": #"{"tier":"gold"}"#])
        let prompt = PromptCompiler.compile("Q: {{ q }} / {{deep}} / [{{out}}] / {{unknown}} / {{meta}}", values: values)
        #expect(prompt == #"Q: 2+2? / 4 / [] / {{unknown}} / {"tier":"gold"}"#)
    }

    @Test func placeholdersAreFoundOnceInOrder() {
        #expect(JudgeDefinition.placeholders(in: "{{a}} and {{ b }} then {{a}} and {{}}") == ["a", "b"])
    }
}
