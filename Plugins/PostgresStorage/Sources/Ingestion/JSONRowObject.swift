import LanternPluginSDK

/// A row of the JSON row sets the ingestion statements read, built as a ``JSONValue`` object so it is written by the
/// SDK's canonical writer (a `Codable` encoding of these rows was over half of the writer's time under load).
protocol JSONRow {
    /// The row's object; fields without a value are left out (the statements read a missing key as "not sent").
    var json: JSONValue { get }
}

/// Builds a row object, leaving out the members given nil.
struct JSONRowObject {
    private(set) var members: [String: JSONValue] = [:]

    /// Sets `key` to `value` when there is one.
    mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { members[key] = value }
    }

    /// Sets `key` to the text when there is one.
    mutating func set(_ key: String, _ text: String?) { set(key, text.map(JSONValue.string)) }

    /// Sets `key` to the number when there is one.
    mutating func set(_ key: String, _ number: Double?) { set(key, number.map(JSONValue.number)) }

    /// Sets `key` to the boolean.
    mutating func set(_ key: String, _ flag: Bool?) { set(key, flag.map(JSONValue.bool)) }

    /// Sets `key` to the object of numbers when there is one.
    mutating func set(_ key: String, _ numbers: [String: Double]?) { set(key, numbers.map { .object($0.mapValues(JSONValue.number)) }) }

    /// Sets `key` to the object when there is one.
    mutating func set(_ key: String, _ object: [String: JSONValue]?) { set(key, object.map(JSONValue.object)) }

    /// The finished object.
    var json: JSONValue { .object(members) }
}

extension Array where Element: JSONRow {
    /// The rows as one JSON array (the row set a statement reads).
    var json: JSONValue { .array(map(\.json)) }
}
