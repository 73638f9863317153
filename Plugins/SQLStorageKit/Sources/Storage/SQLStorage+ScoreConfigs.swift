import LanternPluginSDK

extension SQLStorage {
    /// Creates the config, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    public func saveScoreConfig(_ config: ScoreConfig) async throws -> ScoreConfig {
        try await write {
            try Connection.saveKeepingCreation(config, in: ScoreConfigTable.self, projectID: config.projectID, id: config.id,
                                               createdAt: \.createdAt, fetcher: $0)
        }
    }

    /// The config, or nil.
    public func scoreConfig(projectID: String, id: String) async throws -> ScoreConfig? {
        try await read { try $0.row(ScoreConfigTable.self, projectID: projectID, id: id) }
    }

    /// A page of configs, newest first.
    public func scoreConfigs(projectID: String, page: PageRequest) async throws -> Page<ScoreConfig> {
        try await read { try $0.page(ScoreConfigTable.self, where: SQLFilter(projectID: projectID), orderBy: "created_at DESC, id DESC", request: page) }
    }
}
