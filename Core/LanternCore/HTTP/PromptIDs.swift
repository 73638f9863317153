import LanternPluginSDK

/// The prompt version ids that observations link to by name and version, looked up once per response.
struct PromptIDs: Sendable {
    private var ids: [String: String] = [:]

    /// Resolves every distinct (prompt name, version) the observations carry; a missing version stays unlinked.
    static func resolve(_ observations: [Observation], projectID: String, storage: any StorageBackend) async throws -> PromptIDs {
        var result = PromptIDs()
        let pairs = Set(observations.compactMap { o in o.promptName.flatMap { name in o.promptVersion.map { PromptKey(name: name, version: $0) } } })
        for pair in pairs {
            let found: Prompt?
            do { found = try await storage.promptVersion(projectID: projectID, name: pair.name, version: pair.version) } catch StorageError.unsupported {
                return result
            }
            if let found { result.ids[pair.text] = found.id }
        }
        return result
    }

    /// Links every observation of one prompt version (no lookup needed).
    init(linking prompt: Prompt) {
        ids[PromptKey(name: prompt.name, version: prompt.version).text] = prompt.id
    }

    private init() {}

    /// The linked prompt version id of an observation, or nil.
    func id(of observation: Observation) -> String? {
        guard let name = observation.promptName, let version = observation.promptVersion else { return nil }
        return ids[PromptKey(name: name, version: version).text]
    }

    private struct PromptKey: Hashable {
        let name: String
        let version: Int
        var text: String { "\(version)|\(name)" }
    }
}
