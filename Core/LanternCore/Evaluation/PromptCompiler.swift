import LanternPluginSDK

/// Fills a judge prompt: each mapped variable's source value, narrowed by its JSON path, written as text (null as
/// empty, strings as they are, everything else as compact JSON) in place of `{{ variable }}`. Unknown placeholders
/// stay as written; a missing value is empty, never an error (Langfuse's rule).
enum PromptCompiler {
    /// The variables' texts from the subject.
    static func values(_ mapping: [VariableMapping], subject: EvaluationSubject) -> [String: String] {
        var values: [String: String] = [:]
        for entry in mapping {
            var value = subject.source(entry.source).map(deepParse)
            if let text = entry.jsonPath, let path = try? JSONPath(text), let current = value {
                value = path.select(in: current)
            }
            values[entry.variable] = value.map(text) ?? ""
        }
        return values
    }

    /// `prompt` with every `{{ name }}` of a known variable replaced.
    static func compile(_ prompt: String, values: [String: String]) -> String {
        var result = ""
        var rest = Substring(prompt)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result += rest[..<open.lowerBound]
            result += values[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Strings that hold JSON (even twice encoded) become that JSON, so JSON paths reach inside them.
    static func deepParse(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let first = trimmed.first, first == "{" || first == "[" || first == "\"", let parsed = JSONValue(parsing: trimmed) else { return value }
            return deepParse(parsed)
        case .array(let items): return .array(items.map(deepParse))
        case .object(let object): return .object(object.mapValues(deepParse))
        default: return value
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.jsonText
        }
    }
}
