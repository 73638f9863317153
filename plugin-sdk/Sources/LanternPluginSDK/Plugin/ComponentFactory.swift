/// Makes components of one type: its name, kind, settings and validation.
///
/// Modelled on the OpenTelemetry Collector's factories: the kernel reads `settings` to check
/// types and reject unknown keys, then calls `validate` for the rules only the plugin knows,
/// and reports every issue at once before anything starts.
public protocol ComponentFactory: Sendable {
    /// The type name used in config (`sqlite`, `otlp`, `keyword-match`).
    var type: String { get }
    /// The role of the components this factory makes.
    var kind: ComponentKind { get }
    /// One line on what the component does, shown in listings.
    var summary: String { get }
    /// Every accepted setting; a key not listed here is an error.
    var settings: [SettingSpec] { get }
    /// Semantic checks beyond the declared types; returns every issue found (empty when valid).
    func validate(_ settings: PluginSettings) -> [SettingsIssue]
    /// Makes a component. Called once per configured instance, after validation passed.
    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component
}

extension ComponentFactory {
    /// Default: no setting is accepted.
    public var settings: [SettingSpec] { [] }
    /// Default: no extra rule.
    public func validate(_ settings: PluginSettings) -> [SettingsIssue] { [] }
    /// Default: the type name.
    public var summary: String { type }
}

/// What a factory knows about the instance it is making.
public struct ComponentContext: Sendable {
    /// The instance id from config (`storage`, `keyword/strict`).
    public let instanceID: String
    /// The absolute folder of the config file; relative paths in settings resolve against it.
    public let configDirectory: String

    /// Creates a context.
    public init(instanceID: String, configDirectory: String) {
        self.instanceID = instanceID
        self.configDirectory = configDirectory
    }

    /// Resolves `path` against the config folder unless it is already absolute.
    public func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return configDirectory.hasSuffix("/") ? configDirectory + path : configDirectory + "/" + path
    }
}
