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
        if let json = CanonicalJSONColumns.value(value) {
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

    /// `value` as a JSON text column.
    func column(_ value: some Encodable, field: String) throws -> SQLValue { .text(try text(value, field: field)) }

    /// `value` as a JSON text column, or NULL when nil (never the JSON text `null` for a missing value).
    func optionalColumn(_ value: (some Encodable)?, field: String) throws -> SQLValue {
        guard let value else { return .null }
        return try column(value, field: field)
    }

    /// Decodes JSON text.
    func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        if let value = CanonicalJSONColumns.decode(type, from: text) { return value }
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

/// A REAL column from a number that SQLite can store faithfully (it would turn NaN into NULL).
func finiteColumn(_ value: Double?, field: String) throws -> SQLValue {
    guard let value else { return .null }
    guard value.isFinite else { throw RowEncodingError(field: field, reason: "must be a finite number (got \(value))") }
    return .real(value)
}
