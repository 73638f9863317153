import LanternPluginSDK

extension SQLiteStorage: ScoreConfigStore {
    /// Creates the config, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    public func saveScoreConfig(_ config: ScoreConfig) async throws -> ScoreConfig {
        try await write { fetcher in
            try fetcher.connection.transaction(.immediate) {
                var stored = config
                if let existing = try fetcher.row(ScoreConfigTable.self, projectID: config.projectID, id: config.id) {
                    stored.createdAt = existing.createdAt
                }
                try fetcher.connection.run(ScoreConfigTable.upsert, try ScoreConfigTable.values(stored, json: fetcher.json))
                return stored
            }
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
