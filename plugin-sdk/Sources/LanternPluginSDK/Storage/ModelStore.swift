/// A project's own model definitions (the models API). An optional capability: a storage that keeps them conforms to
/// this protocol as well as ``StorageBackend``; the kernel discovers it with a cast. Built-in definitions are not
/// stored: the kernel loads them from its price table file.
///
/// Contract: definitions are unique per (project, id); `saveModel` creates or replaces one by id, keeping the
/// `createdAt` of an existing one; lists are oldest first (`createdAt`, then id).
public protocol ModelStore: Sendable {
    /// Creates the definition, or replaces the one with the same id; returns it as stored.
    func saveModel(_ model: ModelDefinition) async throws -> ModelDefinition
    /// The project's definition with this id, or nil.
    func model(projectID: String, id: String) async throws -> ModelDefinition?
    /// Every definition of the project, oldest first.
    func models(projectID: String) async throws -> [ModelDefinition]
    /// Every project's definitions, for the kernel's matcher at start.
    func allModels() async throws -> [ModelDefinition]
    /// Deletes a definition; false when it did not exist.
    func deleteModel(projectID: String, id: String) async throws -> Bool
}
