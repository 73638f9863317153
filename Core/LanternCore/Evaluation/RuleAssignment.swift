import LanternPluginSDK

/// One evaluator attached to a rule, with the rule's own mapping (nil: the evaluator's default).
struct RuleAssignment: Sendable, Hashable {
    var evaluatorID: String
    var name: String
    var type: String
    var mapping: [VariableMapping]?

    var json: JSONValue {
        ["evaluator": ["id": .string(evaluatorID), "name": .string(name), "type": .string(type)],
         "mapping": mapping.map { .array($0.map(\.json)) } ?? .null]
    }

    /// The assignments stored on a rule; entries it cannot read are left out.
    static func stored(_ rule: EvaluationRule) -> [RuleAssignment] {
        (rule.evaluators.arrayValue ?? []).compactMap { item in
            guard let evaluator = item.objectValue?["evaluator"]?.objectValue, let id = evaluator["id"]?.stringValue,
                  let name = evaluator["name"]?.stringValue, let type = evaluator["type"]?.stringValue else { return nil }
            return RuleAssignment(evaluatorID: id, name: name, type: type, mapping: VariableMapping.stored(item.objectValue?["mapping"]))
        }
    }

    static func json(_ assignments: [RuleAssignment]) -> JSONValue { .array(assignments.map(\.json)) }
}

extension EvaluationRule {
    /// The status the API shows: `inactive` when disabled, `paused` when the kernel paused it, else `active`.
    var effectiveStatus: String {
        if !enabled { return "inactive" }
        return pausedReason == nil ? "active" : "paused"
    }
}
