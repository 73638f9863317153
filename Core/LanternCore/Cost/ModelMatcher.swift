import Foundation
import LanternPluginSDK
import Synchronization

/// Finds the model definition of a generation from its model name (contract §7).
///
/// A definition is a candidate when it is built-in or belongs to the generation's project, its `matchPattern`
/// matches the model name (searched anywhere, as Postgres's `name ~ pattern`) and its `startDate` is absent or
/// not after the generation's start. Project definitions win over built-in ones, then the latest start date
/// (no start date counts as the earliest), then the earlier position in `definitions`.
///
/// Langfuse's own query (`findModelInPostgres`) orders the same way but does not compare start dates with the
/// generation's start; its API documentation does, and so does this.
///
/// The definitions matching a model name are found once and cached: the built-in ones per name, a project's own
/// per (project, name), so the regular expressions run once per distinct name and a project without definitions
/// of its own costs nothing more. The cache is bounded. A matcher never changes: when definitions change, build a
/// new one (compiled patterns are shared through ``PatternCache``, so that is cheap).
final class ModelMatcher: Sendable {
    /// The definitions this matcher chooses from: built-in ones and those of any projects.
    let definitions: [ModelDefinition]

    /// Cached candidate lists kept before the cache is emptied; bounds memory against ever-new model names.
    static let cacheCapacity = 10_000

    private struct CacheKey: Hashable {
        /// nil for the built-in definitions.
        let projectID: String?
        let modelName: String
    }

    private let patterns: [CompiledPattern]
    private let builtIn: [Int]
    private let byProject: [String: [Int]]
    private let candidates = Mutex<[CacheKey: [Int]]>([:])

    /// A matcher over `definitions`, compiling (or reusing) each match pattern once.
    init(definitions: [ModelDefinition]) {
        self.definitions = definitions
        patterns = definitions.map { PatternCache.shared.pattern($0.matchPattern, caseSensitive: true) }
        builtIn = definitions.indices.filter { definitions[$0].projectID == nil }
        byProject = Dictionary(grouping: definitions.indices.filter { definitions[$0].projectID != nil }) {
            definitions[$0].projectID ?? ""
        }
    }

    /// The definition for a generation of `projectID` named `modelName` that started at `startTime`; nil when
    /// none matches or the name is empty.
    func match(modelName: String, projectID: String, startTime: Date) -> ModelDefinition? {
        guard !modelName.isEmpty else { return nil }
        if let own = byProject[projectID],
           let found = firstApplicable(candidateIndexes(modelName, owner: projectID, among: own), at: startTime) {
            return found
        }
        return firstApplicable(candidateIndexes(modelName, owner: nil, among: builtIn), at: startTime)
    }

    /// The first of `indexes` whose start date is not after `startTime`.
    private func firstApplicable(_ indexes: [Int], at startTime: Date) -> ModelDefinition? {
        for index in indexes {
            let definition = definitions[index]
            if let start = definition.startDate, start > startTime { continue }
            return definition
        }
        return nil
    }

    /// Those of `indexes` whose pattern matches the name, latest start date first.
    private func candidateIndexes(_ modelName: String, owner: String?, among indexes: [Int]) -> [Int] {
        let key = CacheKey(projectID: owner, modelName: modelName)
        if let cached = candidates.withLock({ $0[key] }) { return cached }
        let ordered = indexes.filter { patterns[$0].matches(modelName) }.sorted { left, right in
            let startLeft = definitions[left].startDate ?? .distantPast, startRight = definitions[right].startDate ?? .distantPast
            return startLeft != startRight ? startLeft > startRight : left < right
        }
        candidates.withLock { cache in
            if cache.count >= Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = ordered
        }
        return ordered
    }
}
