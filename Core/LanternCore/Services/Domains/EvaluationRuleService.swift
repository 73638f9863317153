import Foundation
import LanternPluginSDK

/// Evaluation rules: create, list, read, update, delete, with every reference, mapping and filter checked and a
/// preflight when enabling; and the pauses the runtime and connection changes make.
struct EvaluationRuleService: Sendable {
    let kernel: KernelServices

    /// Langfuse's limit of effectively active rules per project.
    static let activeLimit = 500

    private func store() throws -> any EvaluationStore { try kernel.capability((any EvaluationStore).self, "evaluation rules") }

    func create(_ principal: Principal, _ request: RuleRequest) async throws -> EvaluationRule {
        try kernel.authorize(principal, .evaluationRulesWrite)
        let store = try store()
        let now = Date()
        var rule = EvaluationRule(id: Identifiers.random(), projectID: principal.projectID, name: request.name ?? "", enabled: request.enabled ?? false,
                                  target: request.target ?? "observation", sampling: request.sampling ?? 1, delaySeconds: request.delaySeconds ?? 0,
                                  createdAt: now, updatedAt: now)
        rule.filter = try RuleFilter.parse(request.filter, target: rule.target).json
        rule.evaluators = RuleAssignment.json(try await assignments(principal, request.references ?? [], target: rule.target))
        try await admit(principal, rule, store: store)
        try await save(rule, store: store)
        kernel.audit.record(principal, "evaluationRule", rule.id, "created", after: EvaluationPresenters.rule(rule))
        kernel.runtime.evaluations.rulesChanged(projectID: principal.projectID)
        return rule
    }

    func list(_ principal: Principal, page: PageRequest) async throws -> Page<EvaluationRule> {
        try kernel.authorize(principal, .projectRead)
        return try await store().evaluationRules(projectID: principal.projectID, page: page)
    }

    func get(_ principal: Principal, id: String) async throws -> EvaluationRule {
        try kernel.authorize(principal, .projectRead)
        guard let rule = try await store().evaluationRule(projectID: principal.projectID, id: id) else {
            throw APIError.evaluation(.notFound, "resource_not_found", "Evaluation rule not found: \(id)")
        }
        return rule
    }

    /// Applies the fields given; enabling a rule clears a pause (its owner says the cause is fixed) and runs the
    /// preflight again.
    func update(_ principal: Principal, id: String, _ request: RuleRequest) async throws -> EvaluationRule {
        try kernel.authorize(principal, .evaluationRulesWrite)
        let store = try store()
        let before = try await get(principal, id: id)
        var rule = before
        if let name = request.name { rule.name = name }
        if let target = request.target { rule.target = target }
        if let sampling = request.sampling { rule.sampling = sampling }
        if let delay = request.delaySeconds { rule.delaySeconds = delay }
        if let enabled = request.enabled {
            rule.enabled = enabled
            if enabled { rule.pausedReason = nil; rule.pausedMessage = nil; rule.consecutiveFailures = 0 }
        }
        if let filter = request.filter {
            rule.filter = try RuleFilter.parse(filter, target: rule.target).json
        } else if request.target != nil {
            rule.filter = try RuleFilter.parse(before.filter, target: rule.target).json
        }
        if let references = request.references {
            rule.evaluators = RuleAssignment.json(try await assignments(principal, references, target: rule.target))
        }
        rule.updatedAt = Date()
        try await admit(principal, rule, store: store)
        try await save(rule, store: store)
        kernel.audit.record(principal, "evaluationRule", id, "updated", before: EvaluationPresenters.rule(before), after: EvaluationPresenters.rule(rule))
        kernel.runtime.evaluations.rulesChanged(projectID: principal.projectID)
        return rule
    }

    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .evaluationRulesWrite)
        let before = try await get(principal, id: id)
        _ = try await store().deleteEvaluationRule(projectID: principal.projectID, id: id)
        kernel.audit.record(principal, "evaluationRule", id, "deleted", before: EvaluationPresenters.rule(before))
        kernel.runtime.evaluations.rulesChanged(projectID: principal.projectID)
    }

    /// Starts a back-fill of an active rule over `from..<to`.
    func backfill(_ principal: Principal, id: String, from: Date, to: Date) async throws -> BackfillProgress {
        try kernel.authorize(principal, .evaluationRulesWrite)
        let rule = try await get(principal, id: id)
        guard rule.effectiveStatus == "active" else {
            throw APIError.evaluation(.conflict, "conflict", "The rule is \(rule.effectiveStatus); enable it before back-filling")
        }
        guard from < to else { throw EvaluationRequestError.invalidBody(["from"], "must be before to") }
        let progress = try await kernel.runtime.backfills.start(rule, from: from, to: to, storage: try kernel.storage(), store: try store(),
                                                               settleSeconds: Double(kernel.runtime.config.evaluation.settleMilliseconds) / 1000)
        kernel.audit.record(principal, "evaluationRule", id, "backfillStarted", after: progress.json)
        return progress
    }

    /// The progress of the rule's latest back-fill on this server.
    func backfillProgress(_ principal: Principal, id: String) async throws -> BackfillProgress {
        _ = try await get(principal, id: id)
        guard let progress = kernel.runtime.backfills.progress(projectID: principal.projectID, ruleID: id) else {
            throw APIError.evaluation(.notFound, "resource_not_found", "No back-fill of this rule ran on this server")
        }
        return progress
    }

    /// Pauses the enabled rules whose judge calls `provider` (a deleted or failing connection).
    func pause(_ principal: Principal, using provider: String, reason: String, message: String) async throws {
        try await pauseRules(principal, reason: reason, message: message) { assignment in
            guard let resolved = try? await catalog().find(projectID: principal.projectID, id: assignment.evaluatorID, type: assignment.type),
                  case .judge(let judge) = resolved else { return false }
            return (judge.definition.model?.provider ?? kernel.runtime.config.evaluation.defaultModel?.provider) == provider
        }
    }

    /// Pauses the enabled rules that run the evaluator `id`.
    func pause(_ principal: Principal, usingEvaluator id: String, reason: String, message: String) async throws {
        try await pauseRules(principal, reason: reason, message: message) { $0.evaluatorID == id }
    }

    /// Lifts the pause of rules paused because of the connection `provider`, now that it was replaced.
    func resume(_ principal: Principal, afterFixing provider: String) async {
        guard let store = try? store(), let rules = try? await store.enabledEvaluationRules(projectID: principal.projectID) else { return }
        for var rule in rules where rule.pausedReason?.hasPrefix("LLM_CONNECTION") == true && rule.pausedMessage?.contains("'\(provider)'") == true {
            let before = rule
            rule.pausedReason = nil
            rule.pausedMessage = nil
            rule.consecutiveFailures = 0
            rule.updatedAt = Date()
            guard (try? await store.saveEvaluationRule(rule)) != nil else { continue }
            kernel.audit.record(principal, "evaluationRule", rule.id, "resumed", before: EvaluationPresenters.rule(before), after: EvaluationPresenters.rule(rule))
        }
        kernel.runtime.evaluations.rulesChanged(projectID: principal.projectID)
    }

    private func pauseRules(_ principal: Principal, reason: String, message: String,
                            matching: (RuleAssignment) async throws -> Bool) async throws {
        let store = try store()
        for var rule in try await store.enabledEvaluationRules(projectID: principal.projectID) where rule.pausedReason == nil {
            var uses = false
            for assignment in RuleAssignment.stored(rule) where try await matching(assignment) { uses = true }
            guard uses else { continue }
            let before = rule
            rule.pausedReason = reason
            rule.pausedMessage = message
            rule.updatedAt = Date()
            try await store.saveEvaluationRule(rule)
            kernel.audit.record(principal, "evaluationRule", rule.id, "paused", before: EvaluationPresenters.rule(before), after: EvaluationPresenters.rule(rule))
        }
        kernel.runtime.evaluations.rulesChanged(projectID: principal.projectID)
    }

    private func catalog() throws -> EvaluatorCatalog { try kernel.evaluators.catalog() }

    /// Resolves each reference to an evaluator and checks its mapping for `target`.
    private func assignments(_ principal: Principal, _ references: [RuleRequest.Reference], target: String) async throws -> [RuleAssignment] {
        let catalog = try catalog()
        var result: [RuleAssignment] = []
        for reference in references {
            let type = reference.type ?? EvaluatorCatalog.judgeType
            let field = EvaluationRequestError.fieldName(reference.field)
            if type == "code" {
                throw APIError.evaluation(.badRequest, "invalid_body", "\(field).type: Lantern does not run PYTHON or TYPESCRIPT code evaluators; "
                                          + "write the evaluator as a Swift evaluator plugin (plugin-sdk `Evaluator`), load it in the config and name "
                                          + "it here with type \"plugin\"", details: ["field": .string(field + ".type")])
            }
            guard [EvaluatorCatalog.judgeType, EvaluatorCatalog.pluginType].contains(type) else {
                throw EvaluationRequestError.invalidBody(reference.field + ["type"], "must be llm_as_judge or plugin (Lantern's Swift evaluator plugins)")
            }
            guard let evaluator = try await catalog.find(projectID: principal.projectID, name: reference.name, type: type) else {
                throw APIError.evaluation(.notFound, "resource_not_found", "\(field).name: no \(type) evaluator named '\(reference.name)'",
                                          details: ["field": .string(field + ".name")])
            }
            guard !result.contains(where: { $0.evaluatorID == evaluator.id }) else {
                throw EvaluationRequestError.invalidBody(reference.field, "evaluator '\(reference.name)' is assigned twice")
            }
            var assignment = RuleAssignment(evaluatorID: evaluator.id, name: evaluator.name, type: type, mapping: nil)
            switch evaluator {
            case .plugin:
                if reference.mapping != nil {
                    throw EvaluationRequestError.invalidBody(reference.field, "plugin evaluators read the whole target; omit mapping")
                }
            case .judge(let judge):
                let mappingField = Array(reference.field.dropLast()) + ["mapping"]
                if let raw = reference.mapping {
                    assignment.mapping = try VariableMapping.parse(raw, field: mappingField, variables: judge.definition.variables, target: target)
                }
                let effective = assignment.mapping ?? judge.definition.mapping ?? []
                try VariableMapping.requireComplete(effective, variables: judge.definition.variables, field: EvaluationRequestError.fieldName(mappingField))
                if target != "experiment", let invalid = effective.first(where: { VariableMapping.experimentSources.contains($0.source) }) {
                    throw APIError.evaluation(.badRequest, "invalid_variable_mapping",
                                              "\(EvaluationRequestError.fieldName(mappingField)): source \(invalid.source) (variable \(invalid.variable)) is only valid for target experiment",
                                              details: ["variable": .string(invalid.variable)])
                }
            }
            result.append(assignment)
        }
        return result
    }

    /// 409 past the active-rule limit; 422 when an enabled rule's evaluators cannot run.
    private func admit(_ principal: Principal, _ rule: EvaluationRule, store: any EvaluationStore) async throws {
        guard rule.enabled else { return }
        let active = try await store.enabledEvaluationRules(projectID: principal.projectID).filter { $0.id != rule.id && $0.pausedReason == nil }
        guard active.count < Self.activeLimit else {
            throw APIError.evaluation(.conflict, "conflict", "At most \(Self.activeLimit) evaluation rules can be active in a project; disable one first")
        }
        let catalog = try catalog()
        for assignment in RuleAssignment.stored(rule) {
            guard case .judge(let judge)? = try await catalog.find(projectID: principal.projectID, id: assignment.evaluatorID, type: assignment.type) else { continue }
            try await preflight(principal, judge)
        }
    }

    /// Checks a judge can run: a judge plugin, a model, and an LLM connection for it.
    private func preflight(_ principal: Principal, _ judge: JudgeEvaluator) async throws {
        let defaultModel = kernel.runtime.config.evaluation.defaultModel
        let provider = judge.definition.model?.provider ?? defaultModel?.provider
        let model = judge.definition.model?.model ?? defaultModel?.model
        func refuse(_ message: String) -> APIError {
            APIError.evaluation(.unprocessableContent, "evaluator_preflight_failed", "Evaluator '\(judge.name)' cannot run: \(message)",
                                details: ["evaluatorName": .string(judge.name), "provider": provider.map(JSONValue.string) ?? .null,
                                          "model": model.map(JSONValue.string) ?? .null])
        }
        guard kernel.runtime.judge != nil else { throw refuse("no judge plugin (a component of kind judge) is loaded") }
        guard let provider else { throw refuse("it has no modelConfig and the server has no evaluation.defaultModel") }
        guard try await store().llmConnection(projectID: principal.projectID, provider: provider) != nil else {
            throw refuse("the project has no LLM connection named '\(provider)' (PUT /api/public/llm-connections)")
        }
    }

    private func save(_ rule: EvaluationRule, store: any EvaluationStore) async throws {
        do {
            try await store.saveEvaluationRule(rule)
        } catch StorageError.conflict(_) {
            throw APIError.evaluation(.conflict, "name_conflict", "An evaluation rule named '\(rule.name)' already exists; update it with PATCH instead",
                                      details: ["field": "name"])
        }
    }
}
