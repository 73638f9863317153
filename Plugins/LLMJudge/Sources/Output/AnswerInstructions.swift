import LanternPluginSDK

/// The words the judge adds to the evaluator's prompt: how to answer, and how to answer again. They repeat the schema
/// in prose for providers and models that ignore structured output.
enum AnswerInstructions {
    /// The paragraph appended to the prompt.
    static func paragraph(for output: JudgeOutputDefinition) -> String {
        """


        Answer with only a JSON object, with no other text before or after it, in this form:
        {"reasoning": "<your reasoning>", "score": <your score>}
        - "reasoning": \(output.reasoningDescription)
        - "score": \(output.scoreDescription) It must be \(expectation(for: output)).
        """
    }

    /// The user message of the repair turn, after an answer that could not be used.
    static func repairMessage(problem: String, output: JudgeOutputDefinition) -> String {
        "Your answer could not be used: \(problem). Answer again with only the JSON object "
            + "{\"reasoning\": \"<your reasoning>\", \"score\": <your score>}, where the score is \(expectation(for: output)), "
            + "and no other text."
    }

    /// What a valid score is, in words.
    static func expectation(for output: JudgeOutputDefinition) -> String {
        let categories = output.categories.map { "\"\($0)\"" }.joined(separator: ", ")
        switch output.dataType {
        case .numeric:
            switch (output.minValue, output.maxValue) {
            case let (min?, max?): return "a number from \(DisplayText.number(min)) to \(DisplayText.number(max))"
            case let (min?, nil): return "a number of at least \(DisplayText.number(min))"
            case let (nil, max?): return "a number of at most \(DisplayText.number(max))"
            case (nil, nil): return "a number"
            }
        case .boolean: return "true or false (a JSON boolean)"
        case .categorical where output.allowsMultipleMatches: return "a list of one or more of these strings: \(categories)"
        case .categorical: return "exactly one of these strings: \(categories)"
        default: return "a \(output.dataType) value"
        }
    }
}
