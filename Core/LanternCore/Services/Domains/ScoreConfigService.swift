import Foundation
import LanternPluginSDK

/// Score configs: create (rules checked), list, read, update; 501 when the storage does not keep them.
struct ScoreConfigService: Sendable {
    let kernel: KernelServices

    private func store() throws -> any ScoreConfigStore { try kernel.capability((any ScoreConfigStore).self, "score configs") }

    func create(_ principal: Principal, _ draft: ScoreConfig) async throws -> ScoreConfig {
        try kernel.authorize(principal, .scoreConfigsWrite)
        var config = draft
        config.projectID = principal.projectID
        if config.dataType == .boolean {
            if config.categories != nil { throw APIError.badRequest("categories: BOOLEAN configs get True (1) and False (0); do not pass categories") }
            config.categories = ScoreConfigRules.booleanCategories
        }
        if let problem = ScoreConfigRules.problem(in: config) { throw APIError.badRequest(problem) }
        let stored = try await store().saveScoreConfig(config)
        kernel.audit.record(principal, "scoreConfig", stored.id, "created", after: ScoreConfigPresenter.present(stored))
        return stored
    }

    func list(_ principal: Principal, page: PageRequest) async throws -> Page<ScoreConfig> {
        try kernel.authorize(principal, .projectRead)
        return try await store().scoreConfigs(projectID: principal.projectID, page: page)
    }

    func get(_ principal: Principal, id: String) async throws -> ScoreConfig {
        try kernel.authorize(principal, .projectRead)
        guard let config = try await store().scoreConfig(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Score config not found: \(id)")
        }
        return config
    }

    /// Applies `change` to the stored config, checks the rules and stores it.
    func update(_ principal: Principal, id: String, _ change: (inout ScoreConfig) throws -> Void) async throws -> ScoreConfig {
        try kernel.authorize(principal, .scoreConfigsWrite)
        let before = try await get(principal, id: id)
        var config = before
        try change(&config)
        if let problem = ScoreConfigRules.problem(in: config) { throw APIError.badRequest(problem) }
        config.updatedAt = Date()
        let stored = try await store().saveScoreConfig(config)
        kernel.audit.record(principal, "scoreConfig", id, "updated", before: ScoreConfigPresenter.present(before),
                            after: ScoreConfigPresenter.present(stored))
        return stored
    }
}
