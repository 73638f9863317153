import Foundation
import Hummingbird
import LanternPluginSDK

/// Typed access to query parameters; a malformed value is a 400 naming the parameter.
///
/// Names and values are decoded as HTML forms and URLSearchParams do (`+` is a space, then percent-decoding), so
/// clients that encode spaces either way are read alike.
struct QueryReader {
    let parameters: [(name: String, value: String)]

    init(_ request: Request) { parameters = Self.decode(request.uri.query ?? "") }

    /// The `name=value` pairs of a raw query string, in order.
    static func decode(_ query: String) -> [(name: String, value: String)] {
        func component(_ raw: Substring) -> String {
            let spaced = raw.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (component(parts[0]), parts.count > 1 ? component(parts[1]) : "")
        }
    }

    func string(_ name: String) -> String? {
        parameters.first { $0.name == name }.flatMap { $0.value.isEmpty ? nil : $0.value }
    }

    /// Every value of a repeatable parameter; comma-separated values are split too.
    func strings(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.map(\.value).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = ISO8601Timestamp.parse(text) else { throw APIError.badRequest("Query parameter \(name) must be an ISO-8601 date-time (got \(text))") }
        return date
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("Query parameter \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(text))")
        }
        return value
    }

    /// `page` (from 1) and `limit` (1 to 100, default 50).
    func page(defaultLimit: Int = 50) throws -> PageRequest {
        PageRequest(page: try integer("page", in: 1...1_000_000) ?? 1, limit: try integer("limit", in: 1...100) ?? defaultLimit)
    }

    /// One of the allowed values, case-insensitively, returned upper-cased.
    func oneOf(_ name: String, _ allowed: [String]) throws -> String? {
        guard let text = string(name) else { return nil }
        guard allowed.contains(text.uppercased()) else {
            throw APIError.badRequest("Query parameter \(name) must be one of \(allowed.joined(separator: ", ")) (got \(text))")
        }
        return text.uppercased()
    }
}
