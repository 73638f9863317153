import LanternPluginSDK

/// The plugin's settings: where the log lives (`path` for its own SQLite file, or `url` for PostgreSQL), the mode,
/// and the best-effort queue's size.
struct AuditLogSettings: Sendable {
    enum Location: Sendable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    static let defaultBuffer = 10_000

    var location: Location
    var mode: AuditMode
    var bufferSize: Int

    /// Every problem with `settings`, each naming its key.
    static func issues(_ settings: PluginSettings) -> [SettingsIssue] {
        var issues: [SettingsIssue] = []
        let path = settings.string("path"), url = settings.string("url")
        if (path == nil) == (url == nil) {
            issues.append(SettingsIssue(key: path == nil ? "path" : "url",
                                        "give exactly one of path (the log's own SQLite file) and url (a PostgreSQL database)"))
        }
        if let url, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            issues.append(SettingsIssue(key: "url", "must be a postgres:// or postgresql:// URL"))
        }
        if let mode = settings.values["mode"], AuditMode(rawValue: mode.stringValue ?? "") == nil {
            issues.append(SettingsIssue(key: "mode", "must be failClosed or bestEffort (got \(mode.jsonText))"))
        }
        if settings.values["bufferSize"] != nil, !(1...1_000_000).contains(settings.integer("bufferSize") ?? 0) {
            issues.append(SettingsIssue(key: "bufferSize", "must be a whole number from 1 to 1000000"))
        }
        return issues
    }

    /// The settings, once ``issues(_:)`` found none; relative paths resolve against the config's folder.
    init(_ settings: PluginSettings, configDirectory: String) {
        if let url = settings.string("url") {
            location = .postgres(url: url)
        } else {
            let path = settings.string("path") ?? "audit.sqlite"
            location = .sqlite(path: path.hasPrefix("/") ? path : configDirectory + "/" + path)
        }
        mode = settings.string("mode").flatMap(AuditMode.init(rawValue:)) ?? .failClosed
        bufferSize = settings.integer("bufferSize") ?? Self.defaultBuffer
    }
}
