import LanternPluginSDK

/// Makes ``SQLiteStorage`` components (`type: sqlite`, kind `storage`).
public struct SQLiteStorageFactory: ComponentFactory {
    /// Creates the factory.
    public init() {}

    public var type: String { "sqlite" }
    public var kind: ComponentKind { .storage }
    public var summary: String { "Stores everything in one SQLite file (WAL, synchronous=FULL, one writer, a pool of readers)" }

    public var settings: [SettingSpec] {
        [
            SettingSpec(SQLiteStorageSettings.Key.path, .string, required: true,
                        help: "the database file; a relative path resolves against the config file's folder"),
            SettingSpec(SQLiteStorageSettings.Key.readers, .integer,
                        help: "read-only connections, \(SQLiteStorageSettings.readerRange.lowerBound) to \(SQLiteStorageSettings.readerRange.upperBound) (default \(SQLiteStorageSettings.defaultReaders))"),
            SettingSpec(SQLiteStorageSettings.Key.busyTimeoutMs, .integer,
                        help: "how long a connection waits for a lock held by another process, in milliseconds (default \(SQLiteStorageSettings.defaultBusyTimeoutMs))"),
            SettingSpec(SQLiteStorageSettings.Key.statementTimeoutMs, .integer,
                        help: "how long one read (a list, a trace, a metrics query) may run before it is stopped with 422, in milliseconds; 0 for no limit (default \(SQLiteStorageSettings.defaultStatementTimeoutMs))"),
        ]
    }

    /// Checks values beyond their declared types: a blank path, readers out of range, a negative or huge timeout.
    public func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        SQLiteStorageSettings.issues(in: settings)
    }

    /// Makes a storage; its relative `path` resolves against the config file's folder.
    public func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        SQLiteStorage(settings: try SQLiteStorageSettings(settings, context: context))
    }
}
