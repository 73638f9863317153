import Foundation

/// LLM connections, evaluators, evaluation rules and the evaluation job queue. An optional capability: the kernel
/// discovers it with a cast and answers 501 when it is missing.
///
/// Contract:
/// - Connections are unique per (project, provider); evaluator versions per (project, name, version); rules per
///   (project, name): a second one throws ``StorageError/conflict(_:)``.
/// - Executions are unique per id: ``enqueueExecutions(_:)`` keeps an existing row untouched, so a target ingested
///   twice is evaluated once.
/// - ``claimExecutions(limit:now:leaseSeconds:)`` hands each due job to one caller only, also across servers
///   sharing a database.
public protocol EvaluationStore: Sendable {
    /// Creates the connection, or replaces the one with the same provider (keeping its id and `createdAt`).
    func saveLLMConnection(_ connection: LLMConnection) async throws -> LLMConnection
    /// A page of connections, ordered by provider.
    func llmConnections(projectID: String, page: PageRequest) async throws -> Page<LLMConnection>
    /// The connection with this provider name, or nil.
    func llmConnection(projectID: String, provider: String) async throws -> LLMConnection?
    /// The connection with this id, or nil.
    func llmConnection(projectID: String, id: String) async throws -> LLMConnection?
    /// Deletes one connection; false when it did not exist.
    func deleteLLMConnection(projectID: String, id: String) async throws -> Bool
    /// Any one connection of any project, or nil when none exists (the kernel checks its key against it at start).
    func anyLLMConnection() async throws -> LLMConnection?

    /// Stores a new version; a version that exists throws ``StorageError/conflict(_:)``.
    func saveEvaluatorVersion(_ version: EvaluatorVersion) async throws
    /// The latest version of the family with this id, or nil.
    func latestEvaluator(projectID: String, id: String) async throws -> EvaluatorVersion?
    /// The latest version of the evaluator with this name, or nil.
    func latestEvaluator(projectID: String, name: String) async throws -> EvaluatorVersion?
    /// A page of the latest version of every evaluator, ordered by name.
    func latestEvaluators(projectID: String, page: PageRequest) async throws -> Page<EvaluatorVersion>
    /// Deletes every version of the family; false when none existed.
    func deleteEvaluator(projectID: String, id: String) async throws -> Bool

    /// Creates the rule, or replaces the one with the same id (keeping `createdAt`).
    func saveEvaluationRule(_ rule: EvaluationRule) async throws
    /// The rule, or nil.
    func evaluationRule(projectID: String, id: String) async throws -> EvaluationRule?
    /// A page of rules, newest first.
    func evaluationRules(projectID: String, page: PageRequest) async throws -> Page<EvaluationRule>
    /// Every enabled rule of the project (paused ones included).
    func enabledEvaluationRules(projectID: String) async throws -> [EvaluationRule]
    /// Deletes a rule; false when it did not exist.
    func deleteEvaluationRule(projectID: String, id: String) async throws -> Bool

    /// Inserts the executions whose id is not stored yet; returns how many it inserted.
    func enqueueExecutions(_ executions: [EvaluationExecution]) async throws -> Int
    /// Marks up to `limit` waiting executions due at `now` (and running ones whose lease ended) as running, with a
    /// lease until `now + leaseSeconds` and one more attempt, and returns them oldest due first.
    func claimExecutions(limit: Int, now: Date, leaseSeconds: Double) async throws -> [EvaluationExecution]
    /// Stores the execution's new state (matched by project and id).
    func updateExecution(_ execution: EvaluationExecution) async throws
    /// The execution, or nil.
    func execution(projectID: String, id: String) async throws -> EvaluationExecution?
    /// A page of executions matching `query`, newest first.
    func executions(projectID: String, query: EvaluationExecutionQuery) async throws -> Page<EvaluationExecution>
    /// How many of the rule's executions started at or after `since` and ran to an end, completed or failed (the
    /// hourly cap; jobs still running are not counted, so servers may overshoot by the jobs they have in flight).
    func startedExecutionCount(projectID: String, ruleID: String, since: Date) async throws -> Int
}
