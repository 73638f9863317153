import Foundation
import LanternPluginSDK

/// An evaluator a rule can run: a project's `llm_as_judge` version, a template built into the judge plugin, or an
/// evaluator plugin (Lantern's stand-in for Langfuse's code evaluators).
enum ResolvedEvaluator: Sendable {
    case judge(JudgeEvaluator)
    case plugin(id: String, evaluator: any Evaluator)

    var id: String {
        switch self {
        case .judge(let judge): judge.id
        case .plugin(let id, _): id
        }
    }

    var name: String {
        switch self {
        case .judge(let judge): judge.name
        case .plugin(let id, _): id
        }
    }

    var type: String {
        switch self {
        case .judge: EvaluatorCatalog.judgeType
        case .plugin: EvaluatorCatalog.pluginType
        }
    }
}

/// One `llm_as_judge` evaluator version.
struct JudgeEvaluator: Sendable {
    var id: String
    var name: String
    var version: Int
    var definition: JudgeDefinition
    /// Shipped by the judge plugin rather than stored in the project.
    var builtIn: Bool
    var createdAt: Date?
}

/// Finds evaluators by name (rule writes) or by id (jobs, which always run the latest version).
struct EvaluatorCatalog: Sendable {
    static let judgeType = "llm_as_judge"
    static let pluginType = "plugin"
    /// The id prefix of built-in templates.
    static let builtInPrefix = "lantern-"

    let store: any EvaluationStore
    let templates: [JudgeTemplate]
    let plugins: [(id: String, evaluator: any Evaluator)]

    /// The built-in template's id for its name (`Context Relevance` → `lantern-context-relevance`).
    static func builtInID(_ name: String) -> String {
        builtInPrefix + name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    /// The evaluator called `name` of `type`: the project's own first, then a built-in template of that name.
    func find(projectID: String, name: String, type: String) async throws -> ResolvedEvaluator? {
        if type == Self.pluginType {
            return plugins.first { $0.id == name }.map { .plugin(id: $0.id, evaluator: $0.evaluator) }
        }
        if let version = try await store.latestEvaluator(projectID: projectID, name: name), let judge = Self.judge(version) { return .judge(judge) }
        return builtIn(named: name).map(ResolvedEvaluator.judge)
    }

    /// The latest version of the evaluator with this id.
    func find(projectID: String, id: String, type: String) async throws -> ResolvedEvaluator? {
        if type == Self.pluginType {
            return plugins.first { $0.id == id }.map { .plugin(id: $0.id, evaluator: $0.evaluator) }
        }
        if id.hasPrefix(Self.builtInPrefix), let template = templates.first(where: { Self.builtInID($0.name) == id }) {
            return .judge(Self.judge(template))
        }
        return try await store.latestEvaluator(projectID: projectID, id: id).flatMap(Self.judge).map(ResolvedEvaluator.judge)
    }

    /// Every built-in template as an evaluator.
    var builtIns: [JudgeEvaluator] { templates.map(Self.judge) }

    private func builtIn(named name: String) -> JudgeEvaluator? {
        templates.first { $0.name == name }.map(Self.judge)
    }

    static func judge(_ version: EvaluatorVersion) -> JudgeEvaluator? {
        JudgeDefinition(stored: version.definition).map {
            JudgeEvaluator(id: version.id, name: version.name, version: version.version, definition: $0, builtIn: false, createdAt: version.createdAt)
        }
    }

    private static func judge(_ template: JudgeTemplate) -> JudgeEvaluator {
        let definition = JudgeDefinition(prompt: template.prompt, output: template.output, model: nil, parameters: [:], mapping: nil)
        return JudgeEvaluator(id: builtInID(template.name), name: template.name, version: 1, definition: definition, builtIn: true, createdAt: nil)
    }
}
