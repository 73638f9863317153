/// What a plugin file hands to the kernel: who it is and the component factories it provides.
public final class PluginManifest: Sendable {
    /// A stable identifier; reverse-DNS for third parties (`com.example.toxicity`).
    public let id: String
    /// The plugin's own version, shown by `lantern plugins list`.
    public let version: String
    /// The component factories this plugin provides, each with a distinct `type`.
    public let factories: [any ComponentFactory]

    /// Creates a manifest.
    public init(id: String, version: String, factories: [any ComponentFactory]) {
        self.id = id
        self.version = version
        self.factories = factories
    }
}
