import LanternPluginSDK

/// Makes ``SQLiteStorage`` components (`type: sqlite`).
struct SQLiteStorageFactory: ComponentFactory {
    var type: String { "sqlite" }
    var kind: ComponentKind { .storage }
    var summary: String { "Stores everything in one SQLite file (WAL, one writer, a pool of readers)" }
    var settings: [SettingSpec] {
        [
            SettingSpec("path", .string, required: true, help: "the database file; relative to the config file's folder"),
            SettingSpec("readers", .integer, help: "read-only connections, 1 to 64 (default 4)"),
            SettingSpec("busyTimeoutMs", .integer, help: "how long to wait for a lock, 0 to 600000 ms (default 5000)"),
        ]
    }

    func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        var issues: [SettingsIssue] = []
        if settings.string("path")?.isEmpty == true { issues.append(SettingsIssue(key: "path", "must not be empty")) }
        if let readers = settings.integer("readers"), !(1...64).contains(readers) {
            issues.append(SettingsIssue(key: "readers", "must be between 1 and 64 (got \(readers))"))
        }
        if let timeout = settings.integer("busyTimeoutMs"), !(0...600_000).contains(timeout) {
            issues.append(SettingsIssue(key: "busyTimeoutMs", "must be between 0 and 600000 (got \(timeout))"))
        }
        return issues
    }

    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        SQLiteStorage(settings: .init(path: context.resolvePath(settings.string("path") ?? "lantern.sqlite"),
                                      readers: settings.integer("readers") ?? 4,
                                      busyTimeoutMs: settings.integer("busyTimeoutMs") ?? 5000))
    }
}
