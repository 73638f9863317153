import LanternPluginSDK

/// The content of one `llm_as_judge` evaluator version: prompt, output definition, model and default mapping. Read
/// from a create request (every rule checked, errors naming the field) or from the stored definition.
struct JudgeDefinition: Sendable, Hashable {
    /// The provider (an LLM connection's name) and model the judge calls.
    struct ModelChoice: Sendable, Hashable {
        var provider: String
        var model: String
        var json: JSONValue { ["provider": .string(provider), "model": .string(model)] }
    }

    var prompt: String
    var output: JudgeOutputDefinition
    var model: ModelChoice?
    /// Model parameters passed to the provider (`temperature`, …): Lantern's extension of `modelConfig`.
    var parameters: [String: JSONValue]
    var mapping: [VariableMapping]?

    /// The prompt's `{{variable}}` names, in first-use order.
    var variables: [String] { Self.placeholders(in: prompt) }

    /// The stored form.
    var stored: JSONValue {
        var object: [String: JSONValue] = ["prompt": .string(prompt), "outputDefinition": Self.present(output),
                                           "modelConfig": model?.json ?? .null, "mapping": mapping.map { .array($0.map(\.json)) } ?? .null]
        if !parameters.isEmpty { object["modelParameters"] = .object(parameters) }
        return .object(object)
    }

    /// The `{{name}}` placeholders of `prompt` (spaces inside the braces ignored).
    static func placeholders(in prompt: String) -> [String] {
        var names: [String] = []
        var rest = Substring(prompt)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The public `outputDefinition` (no internal version).
    static func present(_ output: JudgeOutputDefinition) -> JSONValue {
        var score: [String: JSONValue] = ["description": .string(output.scoreDescription)]
        switch output.dataType {
        case .numeric:
            score["minValue"] = output.minValue.map(JSONValue.number) ?? .null
            score["maxValue"] = output.maxValue.map(JSONValue.number) ?? .null
        case .categorical:
            score["categories"] = .array(output.categories.map(JSONValue.string))
            score["shouldAllowMultipleMatches"] = .bool(output.allowsMultipleMatches)
        default: break
        }
        return ["dataType": .string(output.dataType.rawValue), "reasoning": ["description": .string(output.reasoningDescription)],
                "score": .object(score)]
    }

    /// Reads a create request's fields.
    static func parse(_ body: [String: JSONValue]) throws(APIError) -> JudgeDefinition {
        guard case .string(let prompt)? = body["prompt"], !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EvaluationRequestError.invalidBody(["prompt"], "is required: the judge's prompt with {{variable}} placeholders")
        }
        guard let outputValue = body["outputDefinition"], outputValue != .null else {
            throw EvaluationRequestError.invalidBody(["outputDefinition"], "is required: {dataType, reasoning: {description}, score: {description}}")
        }
        let output = try parseOutput(outputValue)
        var model: ModelChoice?
        var parameters: [String: JSONValue] = [:]
        switch body["modelConfig"] {
        case nil, .null?: break
        case .object(let config)?:
            guard case .string(let provider)? = config["provider"], !provider.isEmpty else {
                throw EvaluationRequestError.invalidBody(["modelConfig", "provider"], "is required: the name of one of the project's LLM connections")
            }
            guard case .string(let name)? = config["model"], !name.isEmpty else {
                throw EvaluationRequestError.invalidBody(["modelConfig", "model"], "is required: a model the connection serves")
            }
            model = ModelChoice(provider: provider, model: name)
            if let given = config["modelParameters"] {
                guard case .object(let object) = given else { throw EvaluationRequestError.invalidBody(["modelConfig", "modelParameters"], "must be an object") }
                parameters = object
            }
        default: throw EvaluationRequestError.invalidBody(["modelConfig"], "must be {provider, model} or null")
        }
        var definition = JudgeDefinition(prompt: prompt, output: output, model: model, parameters: parameters, mapping: nil)
        if let mapping = body["mapping"], mapping != .null {
            definition.mapping = try VariableMapping.parse(mapping, field: ["mapping"], variables: definition.variables, target: nil)
        }
        return definition
    }

    /// Reads a stored definition (written by ``stored``); nil when it is not one.
    init?(stored: JSONValue) {
        guard let object = stored.objectValue, case .string(let prompt)? = object["prompt"], let outputValue = object["outputDefinition"],
              let output = try? Self.parseOutput(outputValue) else { return nil }
        self.prompt = prompt
        self.output = output
        if let config = object["modelConfig"]?.objectValue, let provider = config["provider"]?.stringValue, let model = config["model"]?.stringValue {
            self.model = ModelChoice(provider: provider, model: model)
        }
        parameters = object["modelParameters"]?.objectValue ?? [:]
        mapping = VariableMapping.stored(object["mapping"])
    }

    init(prompt: String, output: JudgeOutputDefinition, model: ModelChoice?, parameters: [String: JSONValue], mapping: [VariableMapping]?) {
        self.prompt = prompt
        self.output = output
        self.model = model
        self.parameters = parameters
        self.mapping = mapping
    }

    private static func parseOutput(_ value: JSONValue) throws(APIError) -> JudgeOutputDefinition {
        let field: [JSONValue] = ["outputDefinition"]
        guard case .object(let object) = value else { throw EvaluationRequestError.invalidBody(field, "must be an object") }
        if object["version"] != nil { throw EvaluationRequestError.invalidBody(field + ["version"], "is internal; do not send it") }
        let types = ["NUMERIC", "BOOLEAN", "CATEGORICAL"]
        guard case .string(let typeName)? = object["dataType"], types.contains(typeName) else {
            throw EvaluationRequestError.invalidBody(field + ["dataType"], "is required: one of \(types.joined(separator: ", "))")
        }
        guard case .string(let reasoning)? = object["reasoning"]?.objectValue?["description"] else {
            throw EvaluationRequestError.invalidBody(field + ["reasoning", "description"], "is required: what the reasoning should explain")
        }
        guard let score = object["score"]?.objectValue, case .string(let scoreDescription)? = score["description"] else {
            throw EvaluationRequestError.invalidBody(field + ["score", "description"], "is required: what the score means")
        }
        var output = JudgeOutputDefinition(dataType: ScoreDataType(rawValue: typeName), reasoningDescription: reasoning, scoreDescription: scoreDescription)
        switch output.dataType {
        case .numeric:
            output.minValue = try bound(score["minValue"], field + ["score", "minValue"])
            output.maxValue = try bound(score["maxValue"], field + ["score", "maxValue"])
            if let min = output.minValue, let max = output.maxValue, min > max {
                throw EvaluationRequestError.invalidBody(field + ["score", "minValue"], "\(min) exceeds maxValue \(max)")
            }
        case .categorical:
            guard case .array(let items)? = score["categories"] else {
                throw EvaluationRequestError.invalidBody(field + ["score", "categories"], "is required for CATEGORICAL: at least two category names")
            }
            let categories = items.compactMap { $0.stringValue?.trimmingCharacters(in: .whitespaces) }
            guard categories.count == items.count, categories.count >= 2, Set(categories).count == categories.count, !categories.contains("") else {
                throw EvaluationRequestError.invalidBody(field + ["score", "categories"], "must be at least two distinct, non-empty strings")
            }
            guard case .bool(let multiple)? = score["shouldAllowMultipleMatches"] else {
                throw EvaluationRequestError.invalidBody(field + ["score", "shouldAllowMultipleMatches"], "is required for CATEGORICAL: true or false")
            }
            output.categories = categories
            output.allowsMultipleMatches = multiple
        default: break
        }
        return output
    }

    private static func bound(_ value: JSONValue?, _ field: [JSONValue]) throws(APIError) -> Double? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)? where number.isFinite: return number
        default: throw EvaluationRequestError.invalidBody(field, "must be a number or null")
        }
    }
}
