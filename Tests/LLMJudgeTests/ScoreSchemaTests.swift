import Testing
import LanternPluginSDK
@testable import LLMJudge

/// The verdict schema per score type, and the words that repeat it in the prompt.
@Suite struct ScoreSchemaTests {
    private func scoreSchema(_ output: JudgeOutputDefinition) throws -> JSONValue? {
        try ScoreSchema.schema(for: output).objectValue?["properties"]?.objectValue?["score"]
    }

    @Test func envelope() throws {
        let schema = try ScoreSchema.schema(for: Fixtures.numeric)
        #expect(schema.objectValue?["type"] == "object")
        #expect(schema.objectValue?["required"] == ["reasoning", "score"])
        #expect(schema.objectValue?["additionalProperties"] == false)
        #expect(schema.objectValue?["properties"]?.objectValue?["reasoning"] == ["type": "string", "description": "Why."])
    }

    @Test func numeric() throws {
        #expect(try scoreSchema(Fixtures.numeric) == ["type": "number", "minimum": 0, "maximum": 1, "description": "How good."])
        let unbounded = JudgeOutputDefinition(dataType: .numeric, reasoningDescription: "", scoreDescription: "d", maxValue: 10)
        #expect(try scoreSchema(unbounded) == ["type": "number", "maximum": 10, "description": "d"])
    }

    @Test func boolean() throws {
        #expect(try scoreSchema(Fixtures.boolean) == ["type": "boolean", "description": "Whether good."])
    }

    @Test func categorical() throws {
        #expect(try scoreSchema(Fixtures.categorical) == ["type": "string", "enum": ["positive", "negative"], "description": "Which."])
    }

    /// An array of the categories; without `uniqueItems`, which OpenAI's strict mode refuses (the parser deduplicates).
    @Test func multiMatchCategorical() throws {
        #expect(try scoreSchema(Fixtures.multiCategorical) == [
            "type": "array", "items": ["type": "string", "enum": ["fast", "cheap", "good"]], "description": "Which.",
        ])
    }

    @Test func definitionsNoAnswerCouldSatisfy() {
        let cases: [(JudgeOutputDefinition, String)] = [
            (JudgeOutputDefinition(dataType: .text, reasoningDescription: "", scoreDescription: ""), "TEXT"),
            (JudgeOutputDefinition(dataType: .categorical, reasoningDescription: "", scoreDescription: ""), "no categories"),
            (JudgeOutputDefinition(dataType: .numeric, reasoningDescription: "", scoreDescription: "", minValue: 2, maxValue: 1), "above its maximum"),
            (JudgeOutputDefinition(dataType: .numeric, reasoningDescription: "", scoreDescription: "", minValue: .nan), "not a finite number"),
        ]
        for (output, words) in cases {
            let failure = #expect(throws: JudgeFailure.self) { try ScoreSchema.schema(for: output) }
            #expect(failure?.kind == .unsupported)
            #expect(failure?.message.contains(words) == true, "\(failure?.message ?? "")")
        }
    }

    @Test func instructionsRepeatTheSchemaInWords() {
        let numeric = AnswerInstructions.paragraph(for: Fixtures.numeric)
        #expect(numeric.hasPrefix("\n\nAnswer with only a JSON object"))
        #expect(numeric.contains(#"{"reasoning": "<your reasoning>", "score": <your score>}"#))
        #expect(numeric.contains("- \"reasoning\": Why."))
        #expect(numeric.contains("a number from 0 to 1"))
        #expect(AnswerInstructions.expectation(for: Fixtures.boolean) == "true or false (a JSON boolean)")
        #expect(AnswerInstructions.expectation(for: Fixtures.categorical) == #"exactly one of these strings: "positive", "negative""#)
        #expect(AnswerInstructions.expectation(for: Fixtures.multiCategorical).hasPrefix("a list of one or more of these strings"))
    }

    @Test func repairMessage() {
        let message = AnswerInstructions.repairMessage(problem: "score: 1.4 is above the maximum 1", output: Fixtures.numeric)
        #expect(message.hasPrefix("Your answer could not be used: score: 1.4 is above the maximum 1. Answer again with only the JSON object"))
    }
}
