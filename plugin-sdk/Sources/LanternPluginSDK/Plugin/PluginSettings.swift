/// One declared setting of a component: its name, type, whether it is required, and its meaning.
public struct SettingSpec: Sendable, Hashable {
    /// The types a setting may have.
    public enum ValueType: String, Sendable, Hashable {
        case string, integer, number, boolean, stringList = "list of strings", object
    }
    /// The key under `settings:`.
    public let key: String
    /// The expected type.
    public let type: ValueType
    /// Whether the key must be present.
    public let required: Bool
    /// What it means, for docs and listings.
    public let help: String

    /// Declares a setting.
    public init(_ key: String, _ type: ValueType, required: Bool = false, help: String = "") {
        self.key = key
        self.type = type
        self.required = required
        self.help = help
    }
}

/// One problem with a component's settings, reported with its key path below `settings:`.
public struct SettingsIssue: Sendable, Hashable, CustomStringConvertible {
    /// The key path below the component's `settings` (`threshold`, `tls.ca`).
    public let key: String
    /// Why the value is wrong, in words a user can act on.
    public let message: String

    /// Creates an issue.
    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// The settings of one configured component, as plain JSON values.
public struct PluginSettings: Sendable, Hashable {
    /// Every key and value as given (after `${VAR}` substitution).
    public let values: [String: JSONValue]

    /// Wraps a settings object.
    public init(_ values: [String: JSONValue] = [:]) { self.values = values }

    /// The string at `key`, or nil when absent or not a string.
    public func string(_ key: String) -> String? { values[key]?.stringValue }
    /// The number at `key` (integers included), or nil.
    public func number(_ key: String) -> Double? { values[key]?.numberValue }
    /// The integer at `key`, or nil when absent or fractional.
    public func integer(_ key: String) -> Int? {
        guard let n = number(key), n.rounded() == n, abs(n) < 9.0e15 else { return nil }
        return Int(n)
    }
    /// The boolean at `key`, or nil.
    public func bool(_ key: String) -> Bool? { values[key]?.boolValue }
    /// The list of strings at `key`, or nil when absent or not all strings.
    public func strings(_ key: String) -> [String]? {
        guard case .array(let items)? = values[key] else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }
}
