import LanternPluginSDK

/// A create or update request of an evaluation rule, read field by field; absent fields are nil (an update keeps
/// them). Evaluator references are resolved by the service.
struct RuleRequest: Sendable {
    /// An evaluator named in the request, with its optional mapping (still raw: it is checked against the evaluator).
    struct Reference: Sendable {
        var name: String
        var type: String?
        var mapping: JSONValue?
        /// The request path, for errors (`evaluators[1]`, `evaluator`).
        var field: [JSONValue]
    }

    static let targets = ["observation", "experiment", "trace"]

    var name: String?
    var target: String?
    var enabled: Bool?
    var sampling: Double?
    var delaySeconds: Double?
    var filter: JSONValue?
    var references: [Reference]?

    /// Reads `body`; `creating` requires what a new rule needs.
    static func parse(_ body: [String: JSONValue], creating: Bool) throws(APIError) -> RuleRequest {
        var request = RuleRequest()
        if creating, body["name"] == nil { throw EvaluationRequestError.invalidBody(["name"], "is required") }
        if let value = body["name"] {
            guard case .string(let name) = value, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw EvaluationRequestError.invalidBody(["name"], "must be a non-empty string")
            }
            request.name = name
        }
        if let value = body["target"] {
            guard case .string(let target) = value, targets.contains(target) else {
                throw EvaluationRequestError.invalidBody(["target"], "must be observation or experiment (or Lantern's trace); legacy targets are read-only")
            }
            request.target = target
        } else if creating {
            throw EvaluationRequestError.invalidBody(["target"], "is required: observation or experiment")
        }
        if let value = body["enabled"] {
            guard case .bool(let enabled) = value else { throw EvaluationRequestError.invalidBody(["enabled"], "must be true or false") }
            request.enabled = enabled
        } else if creating {
            throw EvaluationRequestError.invalidBody(["enabled"], "is required: true to run it now")
        }
        if let value = body["sampling"], value != .null {
            guard case .number(let sampling) = value, sampling > 0, sampling <= 1 else {
                throw EvaluationRequestError.invalidBody(["sampling"], "must be a number greater than 0 and at most 1 (got \(value.jsonText))")
            }
            request.sampling = sampling
        }
        if let value = body["delay"], value != .null {
            guard case .number(let milliseconds) = value, milliseconds >= 0, milliseconds <= 86_400_000 else {
                throw EvaluationRequestError.invalidBody(["delay"], "must be milliseconds between 0 and 86400000")
            }
            request.delaySeconds = milliseconds / 1000
        }
        if let value = body["filter"] { request.filter = value }
        let hasList = body["evaluators"] != nil, hasSingle = body["evaluator"] != nil || body["mapping"] != nil
        if hasList && hasSingle {
            throw EvaluationRequestError.invalidBody(["evaluators"], "cannot be combined with the deprecated evaluator and mapping fields")
        }
        if let value = body["evaluators"] {
            guard case .array(let items) = value, !items.isEmpty else {
                throw EvaluationRequestError.invalidBody(["evaluators"], "must be a non-empty list of {evaluator: {name, type}, mapping}")
            }
            request.references = try items.enumerated().map { index, item throws(APIError) in
                let path: [JSONValue] = ["evaluators", .number(Double(index))]
                guard case .object(let object) = item, let evaluator = object["evaluator"] else {
                    throw EvaluationRequestError.invalidBody(path + ["evaluator"], "is required: {name, type}")
                }
                return try reference(evaluator, mapping: object["mapping"], field: path + ["evaluator"])
            }
        } else if let evaluator = body["evaluator"] {
            request.references = [try reference(evaluator, mapping: body["mapping"], field: ["evaluator"])]
        } else if creating {
            throw EvaluationRequestError.invalidBody(["evaluators"], "is required: the evaluators to run, by name and type")
        }
        return request
    }

    private static func reference(_ value: JSONValue, mapping: JSONValue?, field: [JSONValue]) throws(APIError) -> Reference {
        guard case .object(let object) = value, case .string(let name)? = object["name"], !name.isEmpty else {
            throw EvaluationRequestError.invalidBody(field + ["name"], "is required: the evaluator's name")
        }
        var type: String?
        if let given = object["type"], given != .null {
            guard case .string(let text) = given else { throw EvaluationRequestError.invalidBody(field + ["type"], "must be a string") }
            type = text
        }
        return Reference(name: name, type: type, mapping: mapping == .null ? nil : mapping, field: field)
    }
}
