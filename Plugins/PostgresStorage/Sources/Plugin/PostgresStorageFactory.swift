import LanternPluginSDK

/// Makes ``PostgresStorage`` components (`type: postgres`, kind `storage`).
public struct PostgresStorageFactory: ComponentFactory {
    /// Creates the factory.
    public init() {}

    public var type: String { "postgres" }
    public var kind: ComponentKind { .storage }
    public var summary: String {
        "Stores everything in PostgreSQL through libpq (a connection pool, merge rules applied in SQL, shareable by many servers)"
    }

    public var settings: [SettingSpec] {
        typealias Key = PostgresStorageSettings.Key
        typealias Defaults = PostgresStorageSettings
        return [
            SettingSpec(Key.url, .string, help: "a postgres:// or postgresql:// connection URL; the alternative to host/port/user/password/database"),
            SettingSpec(Key.host, .string, help: "the server's host name, IP address or Unix socket folder"),
            SettingSpec(Key.port, .integer, help: "the server's port, 1 to 65535 (default \(Defaults.defaultPort))"),
            SettingSpec(Key.user, .string, help: "the role to connect as"),
            SettingSpec(Key.password, .string, help: "the role's password (use ${VAR} to take it from the environment)"),
            SettingSpec(Key.database, .string, help: "the database name"),
            SettingSpec(Key.sslmode, .string, help: "libpq sslmode: \(Defaults.sslModes.joined(separator: ", "))"),
            SettingSpec(Key.poolSize, .integer,
                        help: "connections to keep, \(Defaults.poolSizeRange.lowerBound) to \(Defaults.poolSizeRange.upperBound) (default \(Defaults.defaultPoolSize))"),
            SettingSpec(Key.statementTimeoutMs, .integer,
                        help: "the server cancels a statement running longer than this, in milliseconds; 0 for no limit (default \(Defaults.defaultStatementTimeoutMs))"),
            SettingSpec(Key.connectTimeoutSeconds, .integer,
                        help: "how long to wait for a connection, \(Defaults.connectTimeoutRange.lowerBound) to \(Defaults.connectTimeoutRange.upperBound) seconds (default \(Defaults.defaultConnectTimeoutSeconds))"),
        ]
    }

    /// Checks values beyond their declared types: url and host together or neither, a bad URL, port, pool size,
    /// timeouts or sslmode. Returns every problem found.
    public func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        PostgresStorageSettings.issues(in: settings)
    }

    /// Makes a storage; nothing connects before it starts.
    public func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        PostgresStorage(settings: try PostgresStorageSettings(settings))
    }
}
