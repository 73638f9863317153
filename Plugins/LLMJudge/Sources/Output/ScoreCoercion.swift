import Foundation
import LanternPluginSDK

/// Turns the answer's `score` member into a value of the definition's type, accepting the forms models commonly give
/// (`"0.8"`, `"yes"`, `1`, `"Positive "`) and refusing anything that does not fit.
enum ScoreCoercion {
    /// The score's value; throws naming what is wrong.
    static func value(of score: JSONValue, as output: JudgeOutputDefinition) throws(VerdictProblem) -> JudgeVerdict.Value {
        switch output.dataType {
        case .numeric: return .number(try number(score, output))
        case .boolean: return .boolean(try boolean(score))
        case .categorical: return .categories(try categories(score, output))
        default: throw VerdictProblem("score: \(output.dataType) scores are not supported")
        }
    }

    /// A number within the bounds; out of bounds is an error, not clamped, since a clamped score would misreport
    /// what the model said.
    private static func number(_ score: JSONValue, _ output: JudgeOutputDefinition) throws(VerdictProblem) -> Double {
        let number: Double
        switch score {
        case .number(let value): number = value
        case .string(let text):
            guard let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), value.isFinite else {
                throw VerdictProblem("score: \(DisplayText.quoted(score)) is not a number")
            }
            number = value
        default: throw VerdictProblem("score: \(DisplayText.quoted(score)) is not a number")
        }
        if let min = output.minValue, number < min {
            throw VerdictProblem("score: \(DisplayText.number(number)) is below the minimum \(DisplayText.number(min))")
        }
        if let max = output.maxValue, number > max {
            throw VerdictProblem("score: \(DisplayText.number(number)) is above the maximum \(DisplayText.number(max))")
        }
        return number
    }

    private static func boolean(_ score: JSONValue) throws(VerdictProblem) -> Bool {
        switch score {
        case .bool(let value): return value
        case .number(1): return true
        case .number(0): return false
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: break
            }
        default: break
        }
        throw VerdictProblem("score: \(DisplayText.quoted(score)) is not true or false")
    }

    /// The chosen categories, spelled as the definition spells them, each once, in the answer's order.
    private static func categories(_ score: JSONValue, _ output: JudgeOutputDefinition) throws(VerdictProblem) -> [String] {
        let allowed = output.categories.joined(separator: ", ")
        let items: [JSONValue]
        switch score {
        case .string: items = [score]
        case .array(let values): items = values
        default: throw VerdictProblem("score: \(DisplayText.quoted(score)) is not one of \(allowed)")
        }
        var chosen: [String] = []
        for item in items {
            guard let text = item.stringValue, let category = match(text, in: output.categories) else {
                throw VerdictProblem("score: \(DisplayText.quoted(item)) is not one of \(allowed)")
            }
            if !chosen.contains(category) { chosen.append(category) }
        }
        guard !chosen.isEmpty else { throw VerdictProblem("score: no category chosen; choose from \(allowed)") }
        if !output.allowsMultipleMatches, chosen.count > 1 {
            throw VerdictProblem("score: only one category may be chosen, got \(chosen.joined(separator: ", "))")
        }
        return chosen
    }

    /// The category `text` names, compared trimmed and ignoring case.
    private static func match(_ text: String, in categories: [String]) -> String? {
        let wanted = normalized(text)
        return categories.first { normalized($0) == wanted }
    }

    private static func normalized(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
}
