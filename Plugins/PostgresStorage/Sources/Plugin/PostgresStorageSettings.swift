import LanternPluginSDK

/// The settings of one PostgreSQL storage, read and checked from the component's `settings:`.
struct PostgresStorageSettings: Sendable {
    /// The setting keys.
    enum Key {
        static let url = "url"
        static let host = "host"
        static let port = "port"
        static let user = "user"
        static let password = "password"
        static let database = "database"
        static let sslmode = "sslmode"
        static let poolSize = "poolSize"
        static let statementTimeoutMs = "statementTimeoutMs"
        static let connectTimeoutSeconds = "connectTimeoutSeconds"
    }

    static let defaultPort = 5432
    static let portRange = 1...65535
    static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
    static let defaultPoolSize = 8
    static let poolSizeRange = 1...100
    static let defaultStatementTimeoutMs = 60_000
    static let statementTimeoutRange = 0...Int(Int32.max)
    static let defaultConnectTimeoutSeconds = 5
    static let connectTimeoutRange = 1...600
    /// The keys that describe the server one by one, the alternative to `url`.
    static let discreteKeys = [Key.host, Key.port, Key.user, Key.password, Key.database]

    /// How to reach the server: libpq keywords and values, passwords included (never logged).
    let connection: ConnectionParameters
    /// How many connections the pool keeps.
    let poolSize: Int

    /// Reads valid settings; throws ``InvalidSettings`` otherwise.
    init(_ settings: PluginSettings) throws(InvalidSettings) {
        let issues = Self.issues(in: settings)
        guard issues.isEmpty else { throw InvalidSettings(issues: issues) }
        var keywords: [(String, String)] = []
        if let url = settings.string(Key.url) {
            keywords.append(("dbname", url))
        } else {
            let discrete = [("host", Key.host), ("user", Key.user), ("password", Key.password), ("dbname", Key.database)]
            for (keyword, key) in discrete { if let value = settings.string(key) { keywords.append((keyword, value)) } }
            keywords.append(("port", String(settings.integer(Key.port) ?? Self.defaultPort)))
        }
        if let sslmode = settings.string(Key.sslmode) { keywords.append(("sslmode", sslmode)) }
        let timeout = settings.integer(Key.statementTimeoutMs) ?? Self.defaultStatementTimeoutMs
        keywords += [
            ("connect_timeout", String(settings.integer(Key.connectTimeoutSeconds) ?? Self.defaultConnectTimeoutSeconds)),
            ("options", "-c statement_timeout=\(timeout)"),
            ("application_name", "lantern"),
            ("client_encoding", "UTF8"),
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
        ]
        connection = ConnectionParameters(keywords: keywords, expandsURL: settings.string(Key.url) != nil)
        poolSize = settings.integer(Key.poolSize) ?? Self.defaultPoolSize
    }

    /// Every problem with values whose types already match their specs (the kernel checks types and unknown keys).
    static func issues(in settings: PluginSettings) -> [SettingsIssue] {
        var issues: [SettingsIssue] = []
        let url = settings.string(Key.url), host = settings.string(Key.host)
        if let url {
            if let problem = ConnectionParameters.problem(inURL: url) { issues.append(SettingsIssue(key: Key.url, problem)) }
            for key in discreteKeys where present(settings, key) {
                issues.append(SettingsIssue(key: key, "cannot be combined with url: give either url or host/port/user/password/database"))
            }
        } else if host == nil {
            issues.append(SettingsIssue(key: Key.url, "is required unless host is given (set url, or host with port, user, password and database)"))
        }
        if let host, host.allSatisfy(\.isWhitespace) {
            issues.append(SettingsIssue(key: Key.host, "must name a server (got an empty host)"))
        }
        if let sslmode = settings.string(Key.sslmode), !sslModes.contains(sslmode) {
            issues.append(SettingsIssue(key: Key.sslmode, "must be one of \(sslModes.joined(separator: ", ")) (got \"\(sslmode)\")"))
        }
        let ranges = [(Key.port, portRange), (Key.poolSize, poolSizeRange), (Key.statementTimeoutMs, statementTimeoutRange),
                      (Key.connectTimeoutSeconds, connectTimeoutRange)]
        for (key, range) in ranges { if let issue = rangeIssue(settings, key, range) { issues.append(issue) } }
        return issues
    }

    /// Whether `key` is given with a non-null value.
    private static func present(_ settings: PluginSettings, _ key: String) -> Bool {
        guard let value = settings.values[key] else { return false }
        return value != .null
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
