import Foundation
import LanternPluginSDK

/// Every model definition the kernel prices with: the built-in price table and each project's own definitions,
/// with the matcher over them and the tokenizers that infer usage. Project definitions are read from the storage
/// at start, kept current by the models API, and re-read from storage every ``refreshInterval`` by the runtime's
/// service so that several servers on one database converge.
final class ModelCatalog: Sendable {
    /// The shipped definitions every project shares.
    let builtIns: [ModelDefinition]
    /// ``builtIns`` by id (the first of any repeated id), for ``definition(projectID:id:)``: every observation of an
    /// answer looks its model up, and a scan compared hundreds of ids each time.
    private let builtInsByID: [String: ModelDefinition]
    /// Counts tokens for definitions with a known tokenizer.
    let tokenizers: TokenizerRegistry?
    private let state: LockedValue<State>
    /// How often the runtime re-reads project definitions from storage.
    let refreshInterval: Duration

    private struct State: Sendable {
        var projectModels: [ModelDefinition] = []
        var matcher: ModelMatcher
    }

    /// Creates a catalog of the built-in definitions; project definitions arrive with ``refresh(from:)``.
    init(builtIns: [ModelDefinition], tokenizers: TokenizerRegistry?, refreshInterval: Duration = .seconds(60)) {
        self.builtIns = builtIns
        builtInsByID = Dictionary(builtIns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.tokenizers = tokenizers
        self.refreshInterval = refreshInterval
        state = LockedValue(State(matcher: ModelMatcher(definitions: builtIns)))
    }

    /// The definition a generation of `modelName` in `projectID` starting at `startTime` is priced with.
    func match(modelName: String, projectID: String, startTime: Date) -> ModelDefinition? {
        state.value.matcher.match(modelName: modelName, projectID: projectID, startTime: startTime)
    }

    /// A definition by id: the project's own, else a built-in one.
    func definition(projectID: String, id: String) -> ModelDefinition? {
        state.withLock { state in state.projectModels.first { $0.projectID == projectID && $0.id == id } } ?? builtInsByID[id]
    }

    /// The project's own definitions, oldest first.
    func projectModels(_ projectID: String) -> [ModelDefinition] {
        state.value.projectModels.filter { $0.projectID == projectID }
    }

    /// Replaces the project definitions with the storage's.
    func refresh(from store: any ModelStore) async throws {
        let models = try await store.allModels()
        update { _ in models }
    }

    /// Adds or replaces one project definition (after the models API stored it).
    func store(_ model: ModelDefinition) {
        update { $0.filter { !($0.projectID == model.projectID && $0.id == model.id) } + [model] }
    }

    /// Forgets one project definition (after the models API deleted it).
    func remove(projectID: String, id: String) {
        update { $0.filter { !($0.projectID == projectID && $0.id == id) } }
    }

    /// Changes the project definitions and rebuilds the matcher, atomically.
    private func update(_ change: ([ModelDefinition]) -> [ModelDefinition]) {
        let builtIns = builtIns
        state.withLock { state in
            state.projectModels = change(state.projectModels)
            state.matcher = ModelMatcher(definitions: builtIns + state.projectModels)
        }
    }
}
