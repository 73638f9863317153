import Foundation
import LanternPluginSDK

/// LLM connections, evaluators and evaluation rules (``EvaluationStore``).
extension SQLStorage {
    /// Creates the connection, or replaces the one with the same provider (keeping its id and `createdAt`).
    public func saveLLMConnection(_ connection: LLMConnection) async throws -> LLMConnection {
        try await write { fetcher in
            var stored = connection
            if let existing = try fetcher.fetch(LLMConnectionTable.self, LLMConnectionTable.select(where: "project_id = ? AND provider = ?"),
                                                [.text(connection.projectID), .text(connection.provider)]).first {
                stored.id = existing.id
                stored.createdAt = existing.createdAt
            }
            try fetcher.connection.run(LLMConnectionTable.upsert, try LLMConnectionTable.values(stored, json: fetcher.json))
            return stored
        }
    }

    /// A page of connections, ordered by provider.
    public func llmConnections(projectID: String, page: PageRequest) async throws -> Page<LLMConnection> {
        try await read { try $0.page(LLMConnectionTable.self, where: SQLFilter(projectID: projectID), orderBy: "provider, id", request: page) }
    }

    /// The connection with this provider name, or nil.
    public func llmConnection(projectID: String, provider: String) async throws -> LLMConnection? {
        try await rows(LLMConnectionTable.self, where: "project_id = ? AND provider = ?", [.text(projectID), .text(provider)]).first
    }

    /// The connection with this id, or nil.
    public func llmConnection(projectID: String, id: String) async throws -> LLMConnection? {
        try await read { try $0.row(LLMConnectionTable.self, projectID: projectID, id: id) }
    }

    /// Deletes one connection; false when it did not exist.
    public func deleteLLMConnection(projectID: String, id: String) async throws -> Bool {
        try await change("DELETE FROM llm_connections WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0
    }

    /// Any one connection of any project.
    public func anyLLMConnection() async throws -> LLMConnection? {
        try await read { try $0.fetch(LLMConnectionTable.self, "SELECT \(LLMConnectionTable.selectList) FROM llm_connections LIMIT 1", []).first }
    }

    /// Stores a new version; an existing (project, name, version) throws ``StorageError/conflict(_:)``.
    public func saveEvaluatorVersion(_ version: EvaluatorVersion) async throws {
        do {
            try await write { try $0.connection.run(EvaluatorTable.insert, try EvaluatorTable.values(version, json: $0.json)) }
        } catch StorageError.conflict(_) {
            throw StorageError.conflict("evaluator '\(version.name)' already has a version \(version.version)")
        }
    }

    /// The latest version of the family with this id.
    public func latestEvaluator(projectID: String, id: String) async throws -> EvaluatorVersion? {
        try await rows(EvaluatorTable.self, where: "project_id = ? AND id = ?", [.text(projectID), .text(id)], orderBy: "version DESC").first
    }

    /// The latest version of the evaluator with this name.
    public func latestEvaluator(projectID: String, name: String) async throws -> EvaluatorVersion? {
        try await rows(EvaluatorTable.self, where: "project_id = ? AND name = ?", [.text(projectID), .text(name)], orderBy: "version DESC").first
    }

    /// A page of the latest version of every evaluator, ordered by name.
    public func latestEvaluators(projectID: String, page: PageRequest) async throws -> Page<EvaluatorVersion> {
        var filter = SQLFilter(projectID: projectID)
        filter.add("version = (SELECT MAX(v.version) FROM evaluators v WHERE v.project_id = evaluators.project_id AND v.id = evaluators.id)")
        let latest = filter
        return try await read { try $0.page(EvaluatorTable.self, where: latest, orderBy: "name, id", request: page) }
    }

    /// Deletes every version of the family.
    public func deleteEvaluator(projectID: String, id: String) async throws -> Bool {
        try await change("DELETE FROM evaluators WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0
    }

    /// Creates the rule, or replaces the one with the same id (keeping `createdAt`); a name taken by another rule
    /// throws ``StorageError/conflict(_:)``.
    public func saveEvaluationRule(_ rule: EvaluationRule) async throws {
        do {
            _ = try await write {
                try Connection.saveKeepingCreation(rule, in: EvaluationRuleTable.self, projectID: rule.projectID, id: rule.id,
                                                   createdAt: \.createdAt, fetcher: $0)
            }
        } catch StorageError.conflict(_) {
            throw StorageError.conflict("an evaluation rule named '\(rule.name)' already exists")
        }
    }

    /// The rule, or nil.
    public func evaluationRule(projectID: String, id: String) async throws -> EvaluationRule? {
        try await read { try $0.row(EvaluationRuleTable.self, projectID: projectID, id: id) }
    }

    /// A page of rules, newest first.
    public func evaluationRules(projectID: String, page: PageRequest) async throws -> Page<EvaluationRule> {
        try await read { try $0.page(EvaluationRuleTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page) }
    }

    /// Every enabled rule of the project.
    public func enabledEvaluationRules(projectID: String) async throws -> [EvaluationRule] {
        try await rows(EvaluationRuleTable.self, where: "project_id = ? AND enabled = ?", [.text(projectID), .bool(true)], orderBy: "created_at, id")
    }

    /// Deletes a rule.
    public func deleteEvaluationRule(projectID: String, id: String) async throws -> Bool {
        try await change("DELETE FROM evaluation_rules WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0
    }
}
