import Foundation
import LanternPluginSDK

/// Why an answer is not a usable verdict, in words both the model (in the repair turn) and a person can act on.
struct VerdictProblem: Error, Hashable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// A verdict read from an answer, with the JSON object it came from (recorded as the call's output).
struct ParsedVerdict: Hashable {
    let verdict: JudgeVerdict
    let object: [String: JSONValue]
}

/// Reads a verdict out of a model's answer text, forgiving in form (fences, prose, strings for numbers) and strict in
/// substance (the reasoning must be there, the score must fit the definition). Never traps on any text.
enum VerdictParser {
    /// The verdict in `text` for a score defined by `output`.
    static func parse(_ text: String, as output: JudgeOutputDefinition) throws(VerdictProblem) -> ParsedVerdict {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw VerdictProblem("the answer is empty") }
        guard let object = JSONObjectFinder.verdictObject(in: text) else {
            throw VerdictProblem("no JSON object found in the answer")
        }
        guard let reasoningValue = Members.value(named: "reasoning", in: object) else { throw VerdictProblem("reasoning: missing") }
        guard case .string(let reasoning) = reasoningValue else {
            throw VerdictProblem("reasoning: \(DisplayText.quoted(reasoningValue)) is not a string")
        }
        guard let score = Members.value(named: "score", in: object) else { throw VerdictProblem("score: missing") }
        let value = try ScoreCoercion.value(of: score, as: output)
        return ParsedVerdict(verdict: JudgeVerdict(value: value, reasoning: reasoning), object: object)
    }
}
