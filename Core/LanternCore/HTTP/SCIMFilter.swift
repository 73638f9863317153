import Foundation

/// The one SCIM filter identity providers send before provisioning: `userName eq "…"`.
enum SCIMFilter {
    struct Invalid: Error {
        let message: String
    }

    /// The (lowercased) email of a `userName eq "value"` filter; attribute and operator are case-insensitive.
    static func userNameEquals(_ filter: String) throws -> String {
        let trimmed = filter.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0].lowercased() == "username", parts[1].lowercased() == "eq",
              parts[2].count >= 2, parts[2].first == "\"", parts[2].last == "\"" else {
            throw Invalid(message: "filter: only 'userName eq \"<email>\"' is supported (got '\(filter)')")
        }
        return String(parts[2].dropFirst().dropLast()).lowercased()
    }
}
