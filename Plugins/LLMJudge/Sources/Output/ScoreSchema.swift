import LanternPluginSDK

/// The JSON schema of a verdict: `{"reasoning": string, "score": <the definition's type>}`, nothing else.
enum ScoreSchema {
    /// The schema for `output`; throws ``JudgeFailure/Kind/unsupported`` for a definition no answer could satisfy.
    ///
    /// No `uniqueItems` on the multi-match array: OpenAI's strict structured output refuses the keyword with a 400,
    /// so the parser removes repeated categories instead.
    static func schema(for output: JudgeOutputDefinition) throws(JudgeFailure) -> JSONValue {
        var score = try scoreType(output)
        score["description"] = .string(output.scoreDescription)
        return [
            "type": "object",
            "properties": [
                "reasoning": ["type": "string", "description": .string(output.reasoningDescription)],
                "score": .object(score),
            ],
            "required": ["reasoning", "score"],
            "additionalProperties": false,
        ]
    }

    private static func scoreType(_ output: JudgeOutputDefinition) throws(JudgeFailure) -> [String: JSONValue] {
        switch output.dataType {
        case .numeric:
            var number: [String: JSONValue] = ["type": "number"]
            for bound in [output.minValue, output.maxValue].compactMap({ $0 }) where !bound.isFinite {
                throw unsupported("the score's bound \(bound) is not a finite number")
            }
            if let min = output.minValue, let max = output.maxValue, min > max {
                throw unsupported("the score's minimum \(DisplayText.number(min)) is above its maximum \(DisplayText.number(max))")
            }
            if let min = output.minValue { number["minimum"] = .number(min) }
            if let max = output.maxValue { number["maximum"] = .number(max) }
            return number
        case .boolean:
            return ["type": "boolean"]
        case .categorical:
            guard !output.categories.isEmpty else { throw unsupported("the CATEGORICAL score names no categories") }
            let category: [String: JSONValue] = ["type": "string", "enum": .array(output.categories.map(JSONValue.string))]
            return output.allowsMultipleMatches ? ["type": "array", "items": .object(category)] : category
        default:
            throw unsupported("a judge cannot give \(output.dataType) scores; use NUMERIC, BOOLEAN or CATEGORICAL")
        }
    }

    private static func unsupported(_ message: String) -> JudgeFailure { JudgeFailure(kind: .unsupported, message: message) }
}
