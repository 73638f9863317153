/// One problem in a config file: where it is, which key, and why.
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file's path as given.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// Dotted key path, e.g. `plugins.storage.settings.path`.
    public var keyPath: String
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line:column: key.path: message`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// Every problem found in a config, reported together.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]
    /// What could still be read despite the issues, so later checks (plugins, settings) can report theirs too.
    public var partial: LanternConfig?
    /// Creates an error from its issues.
    public init(_ issues: [ConfigIssue], partial: LanternConfig? = nil) {
        self.issues = issues
        self.partial = partial
    }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
