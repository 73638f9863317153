import LanternPluginSDK

/// One component made from config: its instance id, factory, plugin file, and the component itself.
public struct ConfiguredComponent: Sendable {
    public let id: String
    public let factory: any ComponentFactory
    public let plugin: LoadedPlugin
    public let component: any Component
    public var kind: ComponentKind { factory.kind }
}

/// Turns the `plugins:` section into components: locates and loads each file, picks the factory,
/// checks settings against the factory's declared specs and rules, and makes the component.
/// Every problem of every entry is reported together, with its key path.
public struct ComponentAssembly {
    let config: LanternConfig
    let loader: PluginLoader
    let locator: PluginLocator

    /// Creates an assembly for `config`.
    public init(config: LanternConfig, loader: PluginLoader, locator: PluginLocator) {
        self.config = config
        self.loader = loader
        self.locator = locator
    }

    /// Makes every configured component, or throws ``ConfigError`` with all issues found.
    public func assemble() throws(ConfigError) -> [ConfiguredComponent] {
        var issues: [ConfigIssue] = []
        var made: [ConfiguredComponent] = []
        for entry in config.components {
            switch assemble(entry) {
            case .success(let component): made.append(component)
            case .failure(let error): issues += error.issues
            }
        }
        let storageIDs = made.filter { $0.kind == .storage }.map(\.id)
        if storageIDs.count > 1 {
            issues.append(issue(nil, "plugins", "only one storage component may be configured (found \(storageIDs.joined(separator: ", ")))"))
        }
        if !issues.isEmpty { throw ConfigError(issues) }
        return made
    }

    private func assemble(_ entry: LanternConfig.ComponentEntry) -> Result<ConfiguredComponent, ConfigError> {
        let path = "plugins.\(entry.id)"
        let file: String
        switch locator.locate(entry.load) {
        case .success(let found): file = found
        case .failure(let error): return .failure(ConfigError([issue(entry, "\(path).load", error.message)]))
        }
        let plugin: LoadedPlugin
        do { plugin = try loader.load(file) } catch {
            return .failure(ConfigError([issue(entry, "\(path).load", error.description)]))
        }
        let factory: any ComponentFactory
        switch pickFactory(plugin, entry: entry) {
        case .success(let picked): factory = picked
        case .failure(let failure): return .failure(ConfigError([issue(entry, "\(path).component", failure.message)]))
        }
        if factory.kind == .retention {
            return .failure(ConfigError([issue(entry, "\(path).component", "\(factory.type) is a retention component, and this Lantern "
                + "runs no retention sweeper yet, so it would never be called; remove \(path) from the config")]))
        }
        let settings = PluginSettings(entry.settings)
        let problems = SettingsChecker.check(settings, against: factory.settings) + factory.validate(settings)
        guard problems.isEmpty else {
            return .failure(ConfigError(problems.map { issue(entry, "\(path).settings.\($0.key)", $0.message) }))
        }
        do {
            let component = try factory.make(settings, context: ComponentContext(instanceID: entry.id, configDirectory: config.directory))
            return .success(ConfiguredComponent(id: entry.id, factory: factory, plugin: plugin, component: component))
        } catch {
            return .failure(ConfigError([issue(entry, path, "\(factory.type) from \(plugin.path) could not be created: \(error)")]))
        }
    }

    private func pickFactory(_ plugin: LoadedPlugin, entry: LanternConfig.ComponentEntry) -> Result<any ComponentFactory, ValidationFailure> {
        let factories = plugin.manifest.factories
        let types = factories.map { "\($0.type) (\($0.kind))" }
        if let wanted = entry.component {
            if let match = factories.first(where: { $0.type == wanted }) { return .success(match) }
            return .failure(ValidationFailure("plugin \(plugin.manifest.id) has no component '\(wanted)'; it provides: \(types.joined(separator: ", "))"))
        }
        if factories.count == 1, let only = factories.first { return .success(only) }
        return .failure(ValidationFailure(factories.isEmpty ? "plugin \(plugin.manifest.id) provides no components"
            : "plugin \(plugin.manifest.id) provides several components; name one of: \(types.joined(separator: ", "))"))
    }

    private func issue(_ entry: LanternConfig.ComponentEntry?, _ keyPath: String, _ message: String) -> ConfigIssue {
        ConfigIssue(file: config.displayPath, line: entry?.line, column: entry?.column, keyPath: keyPath, message: message)
    }
}

/// Checks settings against declared specs: unknown keys, missing required keys, and types.
enum SettingsChecker {
    static func check(_ settings: PluginSettings, against specs: [SettingSpec]) -> [SettingsIssue] {
        var issues: [SettingsIssue] = []
        let known = specs.map(\.key)
        for key in settings.values.keys.sorted() where !known.contains(key) {
            issues.append(SettingsIssue(key: key, UnknownKey.message(key, allowed: known, noun: "setting")))
        }
        for spec in specs {
            guard let value = settings.values[spec.key], value != .null else {
                if spec.required { issues.append(SettingsIssue(key: spec.key, "is required (\(spec.type.rawValue)\(spec.help.isEmpty ? "" : ": \(spec.help)"))")) }
                continue
            }
            if !matches(value, spec.type) {
                issues.append(SettingsIssue(key: spec.key, "must be a \(spec.type.rawValue) (got \(value.jsonText))"))
            }
        }
        return issues
    }

    private static func matches(_ value: JSONValue, _ type: SettingSpec.ValueType) -> Bool {
        switch type {
        case .string: value.stringValue != nil
        case .integer: value.numberValue.map { $0.rounded() == $0 } ?? false
        case .number: value.numberValue != nil
        case .boolean: value.boolValue != nil
        case .stringList: value.arrayValue.map { $0.allSatisfy { $0.stringValue != nil } } ?? false
        case .object: value.objectValue != nil
        @unknown default: true
        }
    }
}
