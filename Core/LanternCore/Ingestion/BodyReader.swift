import Foundation
import LanternPluginSDK

/// Reads typed fields from one event body, remembering the first field that has the wrong type.
///
/// Absent and `null` read as nil; a wrong type records "`body.<field>`: expected …" and reads as nil,
/// so one pass collects the values and the event's validation error.
struct BodyReader {
    let body: [String: JSONValue]
    private(set) var problem: String?

    init(_ body: [String: JSONValue]) { self.body = body }

    /// Whether the field was sent as an explicit `null`.
    func isExplicitNull(_ field: String) -> Bool { body[field] == .null }

    mutating func fail(_ field: String, _ expectation: String) {
        if problem == nil { problem = "body.\(field): \(expectation) (got \(body[field]?.jsonText ?? "nothing"))" }
    }

    mutating func string(_ field: String, maxLength: Int? = nil) -> String? {
        guard let value = body[field], value != .null else { return nil }
        guard case .string(let text) = value else { fail(field, "expected a string"); return nil }
        if let maxLength, text.count > maxLength { fail(field, "must be at most \(maxLength) characters"); return nil }
        return text
    }

    /// A string, also accepting a number (rendered without a trailing `.0`), as Langfuse's `version` fields do.
    mutating func stringOrNumber(_ field: String) -> String? {
        if case .number(let n)? = body[field] { return n.rounded() == n && abs(n) < 9e15 ? String(Int64(n)) : String(n) }
        return string(field)
    }

    mutating func date(_ field: String) -> Date? {
        guard let text = string(field) else { return nil }
        guard let date = ISO8601Timestamp.parse(text) else { fail(field, "expected an ISO-8601 date-time"); return nil }
        return date
    }

    mutating func bool(_ field: String) -> Bool? {
        guard let value = body[field], value != .null else { return nil }
        guard case .bool(let flag) = value else { fail(field, "expected true or false"); return nil }
        return flag
    }

    mutating func number(_ field: String) -> Double? {
        guard let value = body[field], value != .null else { return nil }
        guard case .number(let n) = value else { fail(field, "expected a number"); return nil }
        return n
    }

    mutating func integer(_ field: String) -> Int? {
        guard let n = number(field) else { return nil }
        guard n.rounded() == n, abs(n) < 9e15 else { fail(field, "expected a whole number"); return nil }
        return Int(n)
    }

    mutating func strings(_ field: String) -> [String]? {
        guard let value = body[field], value != .null else { return nil }
        guard case .array(let items) = value else { fail(field, "expected a list of strings"); return nil }
        let strings = items.compactMap(\.stringValue)
        guard strings.count == items.count else { fail(field, "expected a list of strings"); return nil }
        return strings
    }

    func any(_ field: String) -> JSONValue? {
        guard let value = body[field], value != .null else { return nil }
        return value
    }

    /// Metadata as an object; a scalar or list becomes `{"metadata": value}` as in Langfuse.
    func metadata(_ field: String = "metadata") -> [String: JSONValue]? {
        guard let value = any(field) else { return nil }
        if case .object(let object) = value { return object }
        return ["metadata": value]
    }

    /// A map of numbers; entries that are not numbers are dropped (Langfuse drops them too).
    mutating func numberMap(_ field: String) -> [String: Double]? {
        guard let value = body[field], value != .null else { return nil }
        guard case .object(let object) = value else { fail(field, "expected an object of numbers"); return nil }
        var numbers: [String: Double] = [:]
        for (key, entry) in object { if case .number(let n) = entry { numbers[key] = n } }
        return numbers
    }
}
