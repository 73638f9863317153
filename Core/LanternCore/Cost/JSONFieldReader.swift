import Foundation
import LanternPluginSDK

/// Every problem found while reading one JSON document, each naming its key path and why it is wrong.
struct JSONProblems: Sendable {
    /// `file: ` for a file, empty for a request body.
    let prefix: String
    /// The problems, in the order they were found, as `<prefix><key path>: <why>`.
    private(set) var messages: [String] = []

    /// Starts an empty list whose messages begin with `prefix`.
    init(prefix: String = "") { self.prefix = prefix }

    /// Records that the value at `path` is wrong because of `why`.
    mutating func add(_ path: String, _ why: String) {
        messages.append(path.isEmpty ? "\(prefix)\(why)" : "\(prefix)\(path): \(why)")
    }
}

/// Typed reads of one JSON object's members, each reporting a wrong or missing value under its key path.
struct JSONFieldReader: Sendable {
    /// The object whose members are read.
    let object: [String: JSONValue]
    /// Key path of the object itself, e.g. `models[3].pricingTiers[0]`; empty for the document root.
    let path: String

    /// The key path of member `key`.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member, nil when absent or JSON null.
    func member(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// A string member; a problem when it is required and missing, not a string, or empty where `nonEmpty`.
    func string(_ key: String, required: Bool, nonEmpty: Bool = true, problems: inout JSONProblems) -> String? {
        guard let value = member(key) else {
            if required { problems.add(path(key), "is required") }
            return nil
        }
        guard let text = value.stringValue else {
            problems.add(path(key), "must be a string")
            return nil
        }
        if nonEmpty && text.isEmpty {
            problems.add(path(key), "must not be empty")
            return nil
        }
        return text
    }

    /// A boolean member, `absent` when missing; a problem when it is required and missing or not a boolean.
    func bool(_ key: String, absent: Bool?, problems: inout JSONProblems) -> Bool? {
        guard let value = member(key) else {
            if absent == nil { problems.add(path(key), "is required") }
            return absent
        }
        guard let flag = value.boolValue else {
            problems.add(path(key), "must be true or false")
            return absent
        }
        return flag
    }

    /// A non-negative number member; a problem when it is required and missing, or not a non-negative number.
    func nonNegativeNumber(_ key: String, required: Bool, problems: inout JSONProblems) -> Double? {
        guard let value = member(key) else {
            if required { problems.add(path(key), "is required") }
            return nil
        }
        guard let number = value.numberValue, number.isFinite, number >= 0 else {
            problems.add(path(key), "must be a non-negative number")
            return nil
        }
        return number
    }

    /// A whole-number member in `range`; a problem when missing or out of range.
    func integer(_ key: String, in range: ClosedRange<Int>, problems: inout JSONProblems) -> Int? {
        guard let value = member(key) else {
            problems.add(path(key), "is required")
            return nil
        }
        guard let number = value.numberValue, number.rounded() == number,
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            problems.add(path(key), "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(number)
    }

    /// A date member (ISO 8601); nil without a problem when absent or null.
    func date(_ key: String, problems: inout JSONProblems) -> Date? {
        guard let value = member(key) else { return nil }
        guard let text = value.stringValue, let date = ISO8601Timestamp.parse(text) else {
            problems.add(path(key), "must be an ISO 8601 date-time string or null")
            return nil
        }
        return date
    }

    /// An array member; a problem when it is required and missing, or not an array.
    func array(_ key: String, required: Bool, problems: inout JSONProblems) -> [JSONValue]? {
        guard let value = member(key) else {
            if required { problems.add(path(key), "is required") }
            return nil
        }
        guard let elements = value.arrayValue else {
            problems.add(path(key), "must be an array")
            return nil
        }
        return elements
    }

    /// A string member that must be one of `allowed`; nil without a problem when absent and not required.
    func choice(_ key: String, from allowed: [String], required: Bool, problems: inout JSONProblems) -> String? {
        guard let value = member(key) else {
            if required { problems.add(path(key), "is required (one of \(allowed.joined(separator: ", ")))") }
            return nil
        }
        guard let text = value.stringValue, allowed.contains(text) else {
            problems.add(path(key), "must be one of \(allowed.joined(separator: ", ")) (got \(value.jsonText))")
            return nil
        }
        return text
    }

    /// Reports every member not in `known`, for documents where a misspelt key must not pass silently.
    func rejectUnknownKeys(_ known: Set<String>, problems: inout JSONProblems) {
        for key in object.keys.sorted() where !known.contains(key) {
            problems.add(path(key), "unknown key (expected one of \(known.sorted().joined(separator: ", ")))")
        }
    }
}
