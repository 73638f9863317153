/// Prompt versions, numbered per name, with unique labels.
///
/// Contract:
/// - `createPromptVersion` assigns `version` = highest version of the name + 1 (1 for a new name) atomically,
///   gives the new version the `latest` label, removes each of its labels from every other version of the name,
///   and sets `tags` on every version of the name. It throws ``StorageError/conflict(_:)`` when the name exists
///   with another `kind`.
/// - `setPromptLabels` adds `labels` to one version and removes them from the other versions; nil when the
///   version does not exist.
/// - `promptVersion(label:)` answers the version carrying the label; `version:` answers that number.
/// - `deletePromptVersions` deletes the listed versions of one name atomically; when the version carrying `latest`
///   goes and others remain, the highest remaining version takes `latest`.
public protocol PromptStore: Sendable {
    /// Stores a new version of `draft.name` and returns it as stored.
    func createPromptVersion(_ draft: Prompt) async throws -> Prompt
    /// The version with this number, or nil.
    func promptVersion(projectID: String, name: String, version: Int) async throws -> Prompt?
    /// The version carrying this label, or nil.
    func promptVersion(projectID: String, name: String, label: String) async throws -> Prompt?
    /// Adds labels to one version (moving them from the others); nil when it does not exist.
    func setPromptLabels(projectID: String, name: String, version: Int, labels: [String]) async throws -> Prompt?
    /// Every version of a name, newest first.
    func promptVersions(projectID: String, name: String) async throws -> [Prompt]
    /// Every version of every prompt of the project, ordered by name, then newest version first.
    func allPromptVersions(projectID: String) async throws -> [Prompt]
    /// Deletes these versions of a name (moving `latest` to the highest remaining one); returns how many existed.
    func deletePromptVersions(projectID: String, name: String, versions: [Int]) async throws -> Int
}

extension PromptStore {
    public func createPromptVersion(_ draft: Prompt) async throws -> Prompt { throw StorageError.unsupported("prompts") }
    public func promptVersion(projectID: String, name: String, version: Int) async throws -> Prompt? { throw StorageError.unsupported("prompts") }
    public func promptVersion(projectID: String, name: String, label: String) async throws -> Prompt? { throw StorageError.unsupported("prompts") }
    public func setPromptLabels(projectID: String, name: String, version: Int, labels: [String]) async throws -> Prompt? {
        throw StorageError.unsupported("prompts")
    }
    public func promptVersions(projectID: String, name: String) async throws -> [Prompt] { throw StorageError.unsupported("prompts") }
    public func allPromptVersions(projectID: String) async throws -> [Prompt] { throw StorageError.unsupported("prompts") }
    public func deletePromptVersions(projectID: String, name: String, versions: [Int]) async throws -> Int {
        throw StorageError.unsupported("prompts")
    }
}
