/// Score configs. An optional capability: a storage that serves them conforms to this protocol as well as
/// ``StorageBackend``; the kernel discovers it with a cast and answers 501 when it is missing.
///
/// Contract: configs are unique per (project, id); `saveScoreConfig` creates or replaces one by id, keeping
/// `createdAt` of an existing one; lists are newest first (`createdAt`, then id, descending).
public protocol ScoreConfigStore: Sendable {
    /// Creates the config, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    func saveScoreConfig(_ config: ScoreConfig) async throws -> ScoreConfig
    /// The config, or nil.
    func scoreConfig(projectID: String, id: String) async throws -> ScoreConfig?
    /// A page of configs, newest first.
    func scoreConfigs(projectID: String, page: PageRequest) async throws -> Page<ScoreConfig>
}
