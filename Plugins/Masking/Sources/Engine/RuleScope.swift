/// The rules in force at one place of a value: the plan to run there, and the rules limited to metadata keys that
/// are not in force yet but join below a member whose key matches (`metadata:http.*`).
struct RuleScope: Sendable {
    /// Indices into the settings' rules, in settings order.
    let active: [Int]
    let plan: MaskingPlan
    /// Rules waiting for a matching metadata key.
    let pending: [Int]

    /// Whether nothing below this place can be masked, so a walk can stop.
    var isInert: Bool { plan.isEmpty && pending.isEmpty }
}

/// The settings' rules with the scope of each field worked out once, so masking a value looks its scope up.
struct RuleBook: Sendable {
    let rules: [MaskingRule]
    private let scopes: [MaskField: RuleScope]
    /// The scope of a record field this plugin does not know (added by a later kernel): the rules without `fields:`.
    let unknownFieldScope: RuleScope

    /// Works out the scopes of `rules`.
    init(rules: [MaskingRule]) {
        self.rules = rules
        var scopes: [MaskField: RuleScope] = [:]
        for field in MaskField.allCases {
            let active = rules.indices.filter { rules[$0].scope.covers(field) }
            // Key globs only mean something inside metadata.
            let pending = field == .metadata ? rules.indices.filter { !active.contains($0) && !rules[$0].scope.metadataKeys.isEmpty } : []
            scopes[field] = RuleScope(active: active, plan: MaskingPlan(rules: active.map { rules[$0] }), pending: pending)
        }
        self.scopes = scopes
        let everywhere = rules.indices.filter { rules[$0].scope.everywhere }
        unknownFieldScope = RuleScope(active: everywhere, plan: MaskingPlan(rules: everywhere.map { rules[$0] }), pending: [])
    }

    /// The scope at the top of `field`.
    func scope(for field: MaskField) -> RuleScope {
        scopes[field] ?? unknownFieldScope
    }

    /// The scope below the member `key` of an object in `scope`: pending rules whose glob matches `key` join.
    func scope(_ scope: RuleScope, below key: String) -> RuleScope {
        guard !scope.pending.isEmpty else { return scope }
        let joining = scope.pending.filter { index in rules[index].scope.metadataKeys.contains { $0.matches(key) } }
        guard !joining.isEmpty else { return scope }
        let active = (scope.active + joining).sorted()
        return RuleScope(active: active, plan: MaskingPlan(rules: active.map { rules[$0] }),
                         pending: scope.pending.filter { !joining.contains($0) })
    }
}
