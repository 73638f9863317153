import LanternPluginSDK

extension SQLStorage {
    /// One score of any target, or nil.
    public func score(projectID: String, id: String) async throws -> Score? {
        try await read { try ScoreQueries(fetcher: $0, projectID: projectID).score(id: id) }
    }

    /// A page of scores matching `query`, newest first.
    public func scores(projectID: String, query: ScoreQuery) async throws -> Page<Score> {
        try await read { try ScoreQueries(fetcher: $0, projectID: projectID).page(query) }
    }

    /// Deletes one score; false when it did not exist.
    public func deleteScore(projectID: String, id: String) async throws -> Bool {
        try await write { try $0.connection.run("DELETE FROM scores WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) > 0 }
    }
}
