import Foundation
import LanternPluginSDK

/// A model field that cannot be stored: which field and why (e.g. a NaN in metadata).
struct RowEncodingError: Error, CustomStringConvertible {
    let field: String
    let reason: String

    var description: String { "\(field): \(reason)" }
}

/// Encodes and decodes the JSON text columns: compact with sorted keys, so equal values store equal text.
///
/// Holds a `JSONEncoder` and `JSONDecoder`; make one per unit of work on a connection.
struct JSONColumns {
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()

    /// Creates the coders.
    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// `value` as JSON text; `field` names it in the error.
    func text(_ value: some Encodable, field: String) throws -> String {
        if let json = canonical(value) {
            guard let text = json.canonicalJSONText else { throw RowEncodingError(field: field, reason: "must not hold a non-finite number") }
            return text
        }
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch EncodingError.invalidValue(_, let context) {
            throw RowEncodingError(field: field, reason: context.debugDescription)
        } catch {
            throw RowEncodingError(field: field, reason: "\(error)")
        }
    }

    /// The value as a ``JSONValue`` when it is one of the column types the SDK's canonical writer handles
    /// (several times faster than `JSONEncoder`); nil for other types.
    private func canonical(_ value: some Encodable) -> JSONValue? {
        switch value {
        case let json as JSONValue: json
        case let object as [String: JSONValue]: .object(object)
        case let numbers as [String: Double]: .object(numbers.mapValues(JSONValue.number))
        case let strings as [String]: .array(strings.map(JSONValue.string))
        default: nil
        }
    }

    /// `value` as a JSON text column.
    func column(_ value: some Encodable, field: String) throws -> SQLValue { .text(try text(value, field: field)) }

    /// `value` as a JSON text column, or NULL when nil (never the JSON text `null` for a missing value).
    func optionalColumn(_ value: (some Encodable)?, field: String) throws -> SQLValue {
        guard let value else { return .null }
        return try column(value, field: field)
    }

    /// Decodes JSON text.
    func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        if let value = Self.canonicalDecode(type, from: text) { return value }
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Decodes the JSON column types with the SDK's parser (no `Codable` round trip); nil for other types or bad text.
    private static func canonicalDecode<T>(_ type: T.Type, from text: String) -> T? {
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

/// A REAL column from a number that SQLite can store faithfully (it would turn NaN into NULL).
func finiteColumn(_ value: Double?, field: String) throws -> SQLValue {
    guard let value else { return .null }
    guard value.isFinite else { throw RowEncodingError(field: field, reason: "must be a finite number (got \(value))") }
    return .real(value)
}
