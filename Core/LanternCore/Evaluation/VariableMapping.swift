import LanternPluginSDK

/// One evaluator variable filled from the target: Langfuse's `{variable, source, jsonPath}`.
struct VariableMapping: Sendable, Hashable {
    /// The sources every target has.
    static let commonSources = ["input", "output", "metadata", "tool_calls"]
    /// The sources only experiments have (their dataset item's).
    static let experimentSources = ["expected_output", "experiment_item_metadata"]

    var variable: String
    var source: String
    var jsonPath: String?

    var json: JSONValue {
        ["variable": .string(variable), "source": .string(source), "jsonPath": jsonPath.map(JSONValue.string) ?? .null]
    }

    /// The mapping list in `value`, checked against the evaluator's variables and the rule's target; `field` names it
    /// in errors (`mapping`, `evaluators[0].mapping`).
    static func parse(_ value: JSONValue, field: [JSONValue], variables: [String], target: String?) throws(APIError) -> [VariableMapping] {
        guard case .array(let items) = value else { throw EvaluationRequestError.invalidBody(field, "must be a list of {variable, source, jsonPath}") }
        var mappings: [VariableMapping] = []
        for (index, item) in items.enumerated() {
            let path = field + [.number(Double(index))]
            guard case .object(let object) = item else { throw EvaluationRequestError.invalidBody(path, "must be an object") }
            guard case .string(let variable)? = object["variable"], !variable.isEmpty else {
                throw EvaluationRequestError.invalidBody(path + ["variable"], "is required (a variable name without braces)")
            }
            guard case .string(let source)? = object["source"] else {
                throw EvaluationRequestError.invalidBody(path + ["source"], "is required: one of \((commonSources + experimentSources).joined(separator: ", "))")
            }
            let allowed = target == "experiment" || target == nil ? commonSources + experimentSources : commonSources
            let name = EvaluationRequestError.fieldName(path)
            guard allowed.contains(source) else {
                throw APIError.evaluation(.badRequest, "invalid_variable_mapping",
                                          "\(name).source: '\(source)' is not valid for target \(target ?? "any"); use one of \(allowed.joined(separator: ", "))",
                                          details: ["field": .string(name + ".source"), "variable": .string(variable), "value": .string(source)])
            }
            guard variables.contains(variable) else {
                throw APIError.evaluation(.badRequest, "invalid_variable_mapping",
                                          "\(name).variable: '\(variable)' is not a variable of the evaluator (its variables: \(variables.joined(separator: ", ")))",
                                          details: ["field": .string(name + ".variable"), "variable": .string(variable)])
            }
            var jsonPath: String?
            switch object["jsonPath"] {
            case nil, .null?: break
            case .string(let text)?:
                do { _ = try JSONPath(text) } catch {
                    throw APIError.evaluation(.badRequest, "invalid_json_path", "\(name).jsonPath: \(error)",
                                              details: ["field": .string(name + ".jsonPath"), "variable": .string(variable), "value": .string(text)])
                }
                jsonPath = text
            default: throw EvaluationRequestError.invalidBody(path + ["jsonPath"], "must be a string starting with $")
            }
            guard !mappings.contains(where: { $0.variable == variable }) else {
                throw APIError.evaluation(.badRequest, "duplicate_variable_mapping", "\(name).variable: '\(variable)' is mapped more than once",
                                          details: ["field": .string(name + ".variable"), "variable": .string(variable)])
            }
            mappings.append(VariableMapping(variable: variable, source: source, jsonPath: jsonPath))
        }
        return mappings
    }

    /// 400 `missing_variable_mapping` unless every variable is mapped.
    static func requireComplete(_ mappings: [VariableMapping], variables: [String], field: String) throws(APIError) {
        let missing = variables.filter { variable in !mappings.contains { $0.variable == variable } }
        guard missing.isEmpty else {
            throw APIError.evaluation(.badRequest, "missing_variable_mapping",
                                      "\(field): the variables \(missing.joined(separator: ", ")) are not mapped; map every evaluator variable exactly once",
                                      details: ["field": .string(field), "variables": .array(missing.map(JSONValue.string))])
        }
    }

    /// Reads a stored mapping list; entries it cannot read are left out.
    static func stored(_ value: JSONValue?) -> [VariableMapping]? {
        guard case .array(let items)? = value else { return nil }
        return items.compactMap { item in
            guard case .string(let variable)? = item.objectValue?["variable"], case .string(let source)? = item.objectValue?["source"] else { return nil }
            return VariableMapping(variable: variable, source: source, jsonPath: item.objectValue?["jsonPath"]?.stringValue)
        }
    }
}
