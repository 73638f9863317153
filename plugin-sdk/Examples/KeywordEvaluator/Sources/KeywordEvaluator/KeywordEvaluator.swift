import LanternPluginSDK

/// Scores a trace `keyword_match` = true when its output mentions one of the configured keywords.
final class KeywordEvaluator: Evaluator {
    let keywords: [String]
    init(keywords: [String]) { self.keywords = keywords.map { $0.lowercased() } }

    var scores: [ScoreSpec] { [ScoreSpec(name: "keyword_match", dataType: .boolean)] }

    func evaluate(_ context: EvaluationContext) async throws -> [ScoreDraft] {
        guard let output = context.trace.output else { return [] }
        let text = output.jsonText.lowercased()
        return [.boolean("keyword_match", keywords.contains { text.contains($0) })]
    }
}

/// Makes keyword evaluators from config: `settings: { keywords: [refund, invoice] }`.
struct KeywordEvaluatorFactory: ComponentFactory {
    var type: String { "keyword-match" }
    var kind: ComponentKind { .evaluator }
    var settings: [SettingSpec] { [SettingSpec("keywords", .stringList, required: true, help: "words to look for")] }

    func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        settings.strings("keywords")?.isEmpty == true ? [SettingsIssue(key: "keywords", "must name at least one keyword")] : []
    }

    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        KeywordEvaluator(keywords: settings.strings("keywords") ?? [])
    }
}

@_cdecl("lantern_plugin_abi")
public func lanternPluginABI() -> UnsafePointer<CChar> { PluginABI.stamp }

@_cdecl("lantern_plugin_entry")
public func lanternPluginEntry() -> UnsafeMutableRawPointer {
    PluginABI.export(PluginManifest(id: "com.example.keyword-evaluator", version: "1.0.0", factories: [KeywordEvaluatorFactory()]))
}
