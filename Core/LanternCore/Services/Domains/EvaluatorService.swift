import Foundation
import LanternPluginSDK

/// Evaluators: create (a new version per name), list and read the latest versions (with the judge plugin's
/// built-in templates and the evaluator plugins), delete a project's evaluator.
struct EvaluatorService: Sendable {
    let kernel: KernelServices

    func store() throws -> any EvaluationStore { try kernel.capability((any EvaluationStore).self, "evaluators") }

    func catalog() throws -> EvaluatorCatalog {
        EvaluatorCatalog(store: try store(), templates: kernel.runtime.judge?.templates ?? [], plugins: kernel.runtime.pluginEvaluators)
    }

    /// Stores the next version of the evaluator `name`.
    func create(_ principal: Principal, name: String, definition: JudgeDefinition) async throws -> JudgeEvaluator {
        try kernel.authorize(principal, .evaluatorsWrite)
        let store = try store()
        let latest = try await store.latestEvaluator(projectID: principal.projectID, name: name)
        let version = EvaluatorVersion(id: latest?.id ?? Identifiers.random(), projectID: principal.projectID, name: name,
                                       version: (latest?.version ?? 0) + 1, type: EvaluatorCatalog.judgeType, definition: definition.stored,
                                       createdAt: Date())
        do {
            try await store.saveEvaluatorVersion(version)
        } catch StorageError.conflict(let why) {
            throw APIError.evaluation(.conflict, "conflict", "Evaluator '\(name)' was changed meanwhile (\(why)); retry")
        }
        guard let created = EvaluatorCatalog.judge(version) else { throw APIError.unavailable("evaluator stored but not readable") }
        kernel.audit.record(principal, "evaluator", version.id, "created", after: EvaluationPresenters.evaluator(.judge(created), ruleCount: 0))
        return created
    }

    /// Every evaluator a rule can use: the project's latest versions, then built-in templates not shadowed by a
    /// project evaluator of the same name, then evaluator plugins.
    func all(_ principal: Principal) async throws -> [ResolvedEvaluator] {
        try kernel.authorize(principal, .projectRead)
        let store = try store(), catalog = try catalog()
        let own = try await AllPages.read { try await store.latestEvaluators(projectID: principal.projectID, page: $0) }.compactMap(EvaluatorCatalog.judge)
        let names = Set(own.map(\.name))
        return own.map(ResolvedEvaluator.judge) + catalog.builtIns.filter { !names.contains($0.name) }.map(ResolvedEvaluator.judge)
            + catalog.plugins.map { .plugin(id: $0.id, evaluator: $0.evaluator) }
    }

    func get(_ principal: Principal, id: String) async throws -> ResolvedEvaluator {
        try kernel.authorize(principal, .projectRead)
        let catalog = try catalog()
        for type in [EvaluatorCatalog.judgeType, EvaluatorCatalog.pluginType] {
            if let found = try await catalog.find(projectID: principal.projectID, id: id, type: type) { return found }
        }
        throw APIError.evaluation(.notFound, "resource_not_found", "Evaluator not found: \(id)")
    }

    /// Deletes every version; rules that used it keep their reference and record `paused` executions.
    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .evaluatorsWrite)
        let store = try store()
        guard let latest = try await store.latestEvaluator(projectID: principal.projectID, id: id) else {
            if id.hasPrefix(EvaluatorCatalog.builtInPrefix) || kernel.runtime.pluginEvaluators.contains(where: { $0.id == id }) {
                throw APIError.evaluation(.badRequest, "invalid_request", "Evaluator \(id) is built in; it cannot be deleted")
            }
            throw APIError.evaluation(.notFound, "resource_not_found", "Evaluator not found: \(id)")
        }
        _ = try await store.deleteEvaluator(projectID: principal.projectID, id: id)
        let before = EvaluatorCatalog.judge(latest).map { EvaluationPresenters.evaluator(.judge($0), ruleCount: 0) }
        kernel.audit.record(principal, "evaluator", id, "deleted", before: before)
        try await kernel.evaluationRules.pause(principal, usingEvaluator: id, reason: "EVALUATOR_DELETED",
                                               message: "The evaluator '\(latest.name)' was deleted")
    }
}
