import Foundation
import LanternPluginSDK

/// A model field that cannot be stored: which field and why (e.g. a NaN in metadata).
package struct RowEncodingError: Error, CustomStringConvertible {
    /// The model field (a JSON path below it where known).
    package let field: String
    /// Why it cannot be stored.
    package let reason: String

    /// An error for `field`.
    package init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`.
    package var description: String { "\(field): \(reason)" }
}

/// Encodes and decodes the JSON columns (SQLite text, PostgreSQL JSONB) and the JSON row sets PostgreSQL's
/// ingestion statements read: compact with sorted keys, so equal values store equal text.
///
/// Holds a `JSONEncoder` and `JSONDecoder`; make one per unit of work on a connection.
package struct JSONColumns {
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let refusesNUL: Bool

    /// Creates the coders; `refusingNUL` refuses text holding the NUL character, which PostgreSQL cannot store.
    package init(refusingNUL: Bool) {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        refusesNUL = refusingNUL
    }

    /// `value` as JSON text; `field` names it in the error. Non-finite numbers are refused.
    package func text(_ value: some Encodable, field: String) throws -> String {
        let text: String
        if let json = CanonicalJSONColumns.value(value) {
            guard let written = json.canonicalJSONText else { throw RowEncodingError(field: field, reason: "must not hold a non-finite number") }
            text = written
        } else {
            do {
                text = String(decoding: try encoder.encode(value), as: UTF8.self)
            } catch EncodingError.invalidValue(_, let context) {
                let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
                throw RowEncodingError(field: ([field] + path).joined(separator: "."), reason: context.debugDescription)
            } catch {
                throw RowEncodingError(field: field, reason: "\(error)")
            }
        }
        if refusesNUL, Self.containsNULEscape(text) {
            throw RowEncodingError(field: field, reason: "PostgreSQL cannot store the NUL character (\\u0000)")
        }
        return text
    }

    /// `value` as a JSON column.
    package func column(_ value: some Encodable, field: String) throws -> SQLValue { .text(try text(value, field: field)) }

    /// `value` as a JSON column, or NULL when nil (never the JSON `null` for a missing value).
    package func optionalColumn(_ value: (some Encodable)?, field: String) throws -> SQLValue {
        guard let value else { return .null }
        return try column(value, field: field)
    }

    /// Decodes JSON text.
    package func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        if let value = CanonicalJSONColumns.decode(type, from: text) { return value }
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Whether JSON text holds the escape `\u0000` (an escaped backslash followed by `u0000` does not count).
    /// Row sets run to megabytes, so backslashes are found with `memchr` and only the bytes after each are looked at.
    private static func containsNULEscape(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let nul = Array("u0000".utf8)
            var index = 0
            while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "\\")), bytes.count - index) {
                let backslash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let escape = backslash + 1
                if escape + nul.count <= bytes.count, UnsafeBufferPointer(rebasing: bytes[escape..<escape + nul.count]).elementsEqual(nul) {
                    return true
                }
                index = escape + 1  // past the escaped character, so the second backslash of `\\` starts nothing
            }
            return false
        }
    }
}

/// A number column from a value that is not NaN or infinite (the API never stores those; SQLite would turn NaN
/// into NULL).
package func finiteColumn(_ value: Double?, field: String) throws -> SQLValue {
    guard let value else { return .null }
    guard value.isFinite else { throw RowEncodingError(field: field, reason: "must be a finite number (got \(value))") }
    return .real(value)
}
