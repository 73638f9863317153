/// The value types storage plugins keep as JSON columns, converted to and from ``JSONValue`` so they go through
/// the SDK's canonical writer and parser instead of a `Codable` round trip (several times faster).
public enum CanonicalJSONColumns {
    /// `value` as a ``JSONValue`` when it is a `JSONValue`, `[String: JSONValue]`, `[String: Double]` or `[String]`;
    /// nil for other types.
    public static func value(_ value: some Encodable) -> JSONValue? {
        switch value {
        case let json as JSONValue: json
        case let object as [String: JSONValue]: .object(object)
        case let numbers as [String: Double]: .object(numbers.mapValues(JSONValue.number))
        case let strings as [String]: .array(strings.map(JSONValue.string))
        default: nil
        }
    }

    /// `text` decoded as one of those types; nil for other types or text that does not hold one.
    public static func decode<T>(_ type: T.Type, from text: String) -> T? {
        guard T.self == JSONValue.self || T.self == [String: JSONValue].self || T.self == [String: Double].self
                || T.self == [String].self,
              let json = JSONValue.parse(text) else { return nil }
        switch json {
        case .object(let object) where T.self == [String: Double].self:
            var numbers: [String: Double] = [:]
            for (key, value) in object {
                guard case .number(let number) = value else { return nil }
                numbers[key] = number
            }
            return numbers as? T
        case .object(let object) where T.self == [String: JSONValue].self:
            return object as? T
        case .array(let items) where T.self == [String].self:
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings as? T : nil
        default:
            return T.self == JSONValue.self ? json as? T : nil
        }
    }
}
