import Foundation
import Testing
import LanternPluginSDK
import LanternPluginSDKTesting
@testable import LLMJudge

/// The verdict parser: forgiving in form, strict in substance, and never trapping.
@Suite struct VerdictParserTests {
    /// The parsed verdict, or the problem's message.
    private func parse(_ text: String, _ output: JudgeOutputDefinition = Fixtures.numeric) -> Result<JudgeVerdict, VerdictProblem> {
        Result { () throws(VerdictProblem) in try VerdictParser.parse(text, as: output).verdict }
    }

    private func problem(_ text: String, _ output: JudgeOutputDefinition = Fixtures.numeric) -> String? {
        if case .failure(let problem) = parse(text, output) { return problem.message }
        return nil
    }

    private func value(_ text: String, _ output: JudgeOutputDefinition = Fixtures.numeric) -> JudgeVerdict.Value? {
        try? parse(text, output).get().value
    }

    // MARK: Finding the object

    @Test func plainJSON() throws {
        let verdict = try parse(#"{"reasoning": "Mostly right.", "score": 0.8}"#).get()
        #expect(verdict == JudgeVerdict(value: .number(0.8), reasoning: "Mostly right."))
    }

    @Test func jsonInCodeFences() {
        #expect(value("```json\n{\"reasoning\": \"ok\", \"score\": 1}\n```") == .number(1))
        #expect(value("Here you go:\n```\n{\"reasoning\": \"ok\", \"score\": 0}\n```\nHope it helps.") == .number(0))
    }

    @Test func jsonAfterProse() {
        #expect(value(#"Let me think. The answer is fine. {"reasoning": "fine", "score": 0.5} That is all."#) == .number(0.5))
    }

    @Test func bracesAndQuotesInsideStrings() throws {
        let text = #"Verdict: {"reasoning": "the code uses \"{\" and } in a \\ string", "score": 0.25}"#
        let verdict = try parse(text).get()
        #expect(verdict.reasoning == #"the code uses "{" and } in a \ string"#)
        #expect(verdict.value == .number(0.25))
    }

    @Test func prefersTheObjectWithAScore() {
        let text = #"The format is {"reasoning": "…"}. My answer: {"reasoning": "good", "score": 0.9}"#
        #expect(value(text) == .number(0.9))
    }

    @Test func skipsBracesThatAreNotJSON() {
        #expect(value(#"Using {query} and {generation}: {"reasoning": "r", "score": 0.1}"#) == .number(0.1))
    }

    @Test func forgivesCapitalisedKeys() {
        #expect(value(#"{"Reasoning": "r", "Score": 0.3}"#) == .number(0.3))
    }

    @Test func keepsTheObjectForTheRecord() throws {
        let parsed = try VerdictParser.parse(#"x {"reasoning": "r", "score": 1, "extra": true} y"#, as: Fixtures.numeric)
        #expect(parsed.object == ["reasoning": "r", "score": 1, "extra": true])
    }

    // MARK: Missing pieces

    @Test func emptyAndObjectlessAnswers() {
        #expect(problem("") == "the answer is empty")
        #expect(problem("  \n ") == "the answer is empty")
        #expect(problem("I think it is about 0.8.") == "no JSON object found in the answer")
        #expect(problem("[0.8]") == "no JSON object found in the answer")
    }

    @Test func missingReasoning() {
        #expect(problem(#"{"score": 0.8}"#) == "reasoning: missing")
        #expect(problem(#"{"reasoning": 5, "score": 0.8}"#) == "reasoning: 5 is not a string")
    }

    @Test func missingScore() {
        #expect(problem(#"{"reasoning": "r"}"#) == "score: missing")
        #expect(problem(#"{"reasoning": "r", "score": null}"#) == "score: null is not a number")
    }

    // MARK: Numeric

    @Test func numbersAsStrings() {
        #expect(value(#"{"reasoning": "r", "score": "0.8"}"#) == .number(0.8))
        #expect(value(#"{"reasoning": "r", "score": " 1 "}"#) == .number(1))
    }

    @Test func notNumbers() {
        #expect(problem(#"{"reasoning": "r", "score": "high"}"#) == "score: 'high' is not a number")
        #expect(problem(#"{"reasoning": "r", "score": "nan"}"#) == "score: 'nan' is not a number")
        #expect(problem(#"{"reasoning": "r", "score": true}"#) == "score: true is not a number")
        #expect(problem(#"{"reasoning": "r", "score": [0.5]}"#) == "score: [0.5] is not a number")
    }

    @Test func outOfRangeIsAnErrorNotClamped() {
        #expect(problem(#"{"reasoning": "r", "score": 1.4}"#) == "score: 1.4 is above the maximum 1")
        #expect(problem(#"{"reasoning": "r", "score": -0.2}"#) == "score: -0.2 is below the minimum 0")
        #expect(value(#"{"reasoning": "r", "score": 1}"#) == .number(1))
        #expect(value(#"{"reasoning": "r", "score": 0}"#) == .number(0))
    }

    @Test func unboundedNumbers() {
        let output = JudgeOutputDefinition(dataType: .numeric, reasoningDescription: "", scoreDescription: "")
        #expect(value(#"{"reasoning": "r", "score": 1234.5}"#, output) == .number(1234.5))
    }

    // MARK: Boolean

    @Test func booleanForms() {
        let output = Fixtures.boolean
        for (score, expected) in [("true", true), ("false", false), (#""yes""#, true), (#""No""#, false), (#"" TRUE ""#, true),
                                  ("1", true), ("0", false), (#""1""#, true), (#""0""#, false)] {
            #expect(value(#"{"reasoning": "r", "score": \#(score)}"#, output) == .boolean(expected), "score \(score)")
        }
        #expect(problem(#"{"reasoning": "r", "score": "maybe"}"#, output) == "score: 'maybe' is not true or false")
        #expect(problem(#"{"reasoning": "r", "score": 0.5}"#, output) == "score: 0.5 is not true or false")
    }

    // MARK: Categorical

    @Test func categoriesMatchTrimmedIgnoringCase() {
        let output = Fixtures.categorical
        #expect(value(#"{"reasoning": "r", "score": "positive"}"#, output) == .categories(["positive"]))
        #expect(value(#"{"reasoning": "r", "score": " Negative "}"#, output) == .categories(["negative"]))
        #expect(value(#"{"reasoning": "r", "score": ["POSITIVE"]}"#, output) == .categories(["positive"]))
    }

    @Test func unknownCategory() {
        #expect(problem(#"{"reasoning": "r", "score": "maybe"}"#, Fixtures.categorical) == "score: 'maybe' is not one of positive, negative")
        #expect(problem(#"{"reasoning": "r", "score": 1}"#, Fixtures.categorical) == "score: 1 is not one of positive, negative")
    }

    @Test func singleMatchRefusesSeveral() {
        #expect(problem(#"{"reasoning": "r", "score": ["positive", "negative"]}"#, Fixtures.categorical)
            == "score: only one category may be chosen, got positive, negative")
        #expect(problem(#"{"reasoning": "r", "score": []}"#, Fixtures.categorical)
            == "score: no category chosen; choose from positive, negative")
    }

    @Test func multiMatch() {
        let output = Fixtures.multiCategorical
        #expect(value(#"{"reasoning": "r", "score": ["Good", "fast", "good"]}"#, output) == .categories(["good", "fast"]))
        #expect(value(#"{"reasoning": "r", "score": "cheap"}"#, output) == .categories(["cheap"]))
        #expect(problem(#"{"reasoning": "r", "score": ["fast", "slow"]}"#, output) == "score: 'slow' is not one of fast, cheap, good")
        #expect(problem(#"{"reasoning": "r", "score": ["fast", 2]}"#, output) == "score: 2 is not one of fast, cheap, good")
    }

    @Test func longValuesAreShortenedInErrors() throws {
        let long = String(repeating: "x", count: 1000)
        let message = try #require(problem(#"{"reasoning": "r", "score": "\#(long)"}"#))
        #expect(message.count < 200)
    }

    // MARK: Hostile input

    /// A few hundred random and truncated answers, for every score type: each yields a verdict or a problem, never a trap.
    @Test func neverTrapsOnGarbage() {
        var random = SeededGenerator(seed: 42)
        let pieces = ["{", "}", "[", "]", "\"", "\\", ":", ",", " ", "\n", "```", "json", "score", "reasoning", "0.5", "-1e999",
                      "1e308", "true", "null", "é", "🙂", "\u{0}", "\\u12", "\\ud800", "yes", "positive", "{\"score\":", "\"reasoning\":\""]
        var inputs: [String] = (0..<300).map { _ in
            (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
        }
        let valid = #"Sure: ```json {"reasoning": "a \"quoted\" {brace}", "score": ["positive"]} ``` done"#
        inputs += (0...valid.count).map { String(valid.prefix($0)) }
        inputs.append(String(repeating: "{", count: 100_000))
        inputs.append(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        inputs.append(String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000))
        let outputs = [Fixtures.numeric, Fixtures.boolean, Fixtures.categorical, Fixtures.multiCategorical]
        var outcomes = 0
        for input in inputs {
            for output in outputs {
                _ = parse(input, output)
                outcomes += 1
            }
        }
        #expect(outcomes == inputs.count * outputs.count)
    }
}
