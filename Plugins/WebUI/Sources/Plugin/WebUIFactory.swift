import LanternPluginSDK

/// Makes ``WebUI`` components (`type: web-ui`). No settings: the pages follow Langfuse's URLs.
struct WebUIFactory: ComponentFactory {
    var type: String { "web-ui" }
    var kind: ComponentKind { .web }
    var summary: String { "The web UI: sign-in, dashboard, traces, trace detail with tree and timeline, sessions, users, observations, scores (server-rendered, no JavaScript needed)" }
    var settings: [SettingSpec] { [] }

    func validate(_ settings: PluginSettings) -> [SettingsIssue] { [] }

    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component { WebUI() }
}
