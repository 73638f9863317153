import LanternPluginSDK

/// Makes ``AuditLogComponent``s (`type: audit-log`). Package-visible for the plugin's entry target.
package struct AuditLogFactory: ComponentFactory {
    package init() {}

    package var type: String { "audit-log" }
    package var kind: ComponentKind { .auditSink }
    package var summary: String { "A tamper-evident audit log (a SHA-256 hash chain) in its own SQLite file or a PostgreSQL database" }
    package var settings: [SettingSpec] {
        [SettingSpec("path", .string, help: "the log's own SQLite file, relative to the config file"),
         SettingSpec("url", .string, help: "a PostgreSQL database URL (the main database or another) instead of path"),
         SettingSpec("mode", .string, help: "failClosed (default): a mutation whose record cannot be stored is refused with 503; bestEffort: queued and retried"),
         SettingSpec("bufferSize", .integer, help: "records bestEffort queues before dropping (and counting) them, default 10000")]
    }

    package func validate(_ settings: PluginSettings) -> [SettingsIssue] { AuditLogSettings.issues(settings) }

    package func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        AuditLogComponent(settings: AuditLogSettings(settings, configDirectory: context.configDirectory))
    }
}
