import LanternPluginSDK

extension SQLStorage {
    /// Stores a new version of `draft.name` (next number, `latest` label, labels unique per name) and returns it as stored.
    public func createPromptVersion(_ draft: Prompt) async throws -> Prompt {
        try await write { try PromptCatalog(fetcher: $0).create(draft) }
    }

    /// The version with this number, or nil.
    public func promptVersion(projectID: String, name: String, version: Int) async throws -> Prompt? {
        try await read { try PromptCatalog(fetcher: $0).version(projectID: projectID, name: name, version: version) }
    }

    /// The version carrying this label, or nil.
    public func promptVersion(projectID: String, name: String, label: String) async throws -> Prompt? {
        try await read { try PromptCatalog(fetcher: $0).version(projectID: projectID, name: name, label: label) }
    }

    /// Adds labels to one version (moving them from the others); nil when it does not exist.
    public func setPromptLabels(projectID: String, name: String, version: Int, labels: [String]) async throws -> Prompt? {
        let now = try self.now()
        return try await write { try PromptCatalog(fetcher: $0).setLabels(projectID: projectID, name: name, version: version, labels: labels, now: now) }
    }

    /// Every version of a name, newest first.
    public func promptVersions(projectID: String, name: String) async throws -> [Prompt] {
        try await read { try PromptCatalog(fetcher: $0).versions(projectID: projectID, name: name) }
    }

    /// Every version of every prompt of the project, by name, then newest version first.
    public func allPromptVersions(projectID: String) async throws -> [Prompt] {
        try await read { try PromptCatalog(fetcher: $0).all(projectID: projectID) }
    }

    /// Deletes these versions of a name (moving `latest` to the highest remaining one); returns how many existed.
    public func deletePromptVersions(projectID: String, name: String, versions: [Int]) async throws -> Int {
        let now = try self.now()
        return try await write { try PromptCatalog(fetcher: $0).delete(projectID: projectID, name: name, versions: versions, now: now) }
    }
}
