import Foundation
import LanternPluginSDK

/// The settings of one SQLite storage, read and checked from the component's `settings:`.
struct SQLiteStorageSettings: Sendable {
    /// The setting keys.
    enum Key {
        static let path = "path"
        static let readers = "readers"
        static let busyTimeoutMs = "busyTimeoutMs"
        static let statementTimeoutMs = "statementTimeoutMs"
    }

    static let defaultReaders = 4
    static let readerRange = 1...64
    static let defaultBusyTimeoutMs = 5000
    static let busyTimeoutRange = 0...Int(Int32.max)
    /// As the PostgreSQL storage's default: a read past a minute is stopped (422 naming this setting).
    static let defaultStatementTimeoutMs = 60_000
    static let statementTimeoutRange = 0...Int(Int32.max)

    /// The database file: an absolute path without `.` or `..` components.
    let path: String
    /// How many read-only connections to open.
    let readers: Int
    /// How long to wait for a lock, in milliseconds.
    let busyTimeoutMs: Int32
    /// How long one read may run, in milliseconds (0: no limit).
    let statementTimeoutMs: Int

    /// Reads valid settings, resolving a relative path against the config folder; throws ``InvalidSettings`` otherwise.
    init(_ settings: PluginSettings, context: ComponentContext) throws(InvalidSettings) {
        let issues = Self.issues(in: settings)
        guard issues.isEmpty, let path = settings.string(Key.path) else {
            throw InvalidSettings(issues: issues.isEmpty ? [SettingsIssue(key: Key.path, "is required")] : issues)
        }
        self.path = URL(fileURLWithPath: context.resolvePath(path)).standardizedFileURL.path
        readers = settings.integer(Key.readers) ?? Self.defaultReaders
        busyTimeoutMs = Int32(clamping: settings.integer(Key.busyTimeoutMs) ?? Self.defaultBusyTimeoutMs)
        statementTimeoutMs = settings.integer(Key.statementTimeoutMs) ?? Self.defaultStatementTimeoutMs
    }

    /// Every problem with values whose types already match their specs (the kernel checks presence and types).
    static func issues(in settings: PluginSettings) -> [SettingsIssue] {
        var issues: [SettingsIssue] = []
        if let path = settings.string(Key.path), path.allSatisfy(\.isWhitespace) {
            issues.append(SettingsIssue(key: Key.path, "must name a database file (got an empty path)"))
        }
        if let issue = rangeIssue(settings, Key.readers, readerRange) { issues.append(issue) }
        if let issue = rangeIssue(settings, Key.busyTimeoutMs, busyTimeoutRange) { issues.append(issue) }
        if let issue = rangeIssue(settings, Key.statementTimeoutMs, statementTimeoutRange) { issues.append(issue) }
        return issues
    }

    /// An issue when the value at `key` is present but not a whole number within `range`.
    private static func rangeIssue(_ settings: PluginSettings, _ key: String, _ range: ClosedRange<Int>) -> SettingsIssue? {
        guard let value = settings.values[key], value != .null else { return nil }
        if let number = settings.integer(key), range.contains(number) { return nil }
        return SettingsIssue(key: key, "must be a whole number between \(range.lowerBound) and \(range.upperBound) (got \(value.jsonText))")
    }
}

/// Settings that failed validation; the kernel shows each issue with its key path.
struct InvalidSettings: Error, CustomStringConvertible {
    let issues: [SettingsIssue]

    var description: String { issues.map(\.description).joined(separator: "; ") }
}
