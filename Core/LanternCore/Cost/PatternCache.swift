import Foundation
import Synchronization

/// Regular expressions of model match patterns and pricing-tier usage conditions, each compiled once and shared.
///
/// Langfuse evaluates match patterns as Postgres regular expressions (`name ~ pattern`), which search anywhere in
/// the text and take embedded options only at the very start; ICU (`NSRegularExpression`) reads the patterns of
/// the built-in table the same way. A leading `(?i)` makes the match case-insensitive. A pattern that does not
/// compile is remembered as such and never matches.
final class PatternCache: Sendable {
    /// The cache every matcher and tier selector uses, so a rebuilt matcher reuses compiled patterns.
    static let shared = PatternCache()

    /// Entries kept before the cache is emptied; bounds memory when projects keep creating models.
    static let capacity = 4096

    private struct Key: Hashable {
        let pattern: String
        let caseSensitive: Bool
    }

    private let compiled = Mutex<[Key: CompiledPattern]>([:])

    /// The compiled pattern; `caseSensitive: false` ignores case as a leading `(?i)` does.
    func pattern(_ pattern: String, caseSensitive: Bool) -> CompiledPattern {
        let key = Key(pattern: pattern, caseSensitive: caseSensitive)
        if let known = compiled.withLock({ $0[key] }) { return known }
        let fresh = CompiledPattern(pattern, caseSensitive: caseSensitive)
        compiled.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = fresh
        }
        return fresh
    }
}

/// One compiled regular expression, or the fact that its pattern does not compile.
struct CompiledPattern: Sendable {
    private let regex: NSRegularExpression?

    /// Compiles `pattern`; a leading `(?i)`, or `caseSensitive: false`, ignores case.
    init(_ pattern: String, caseSensitive: Bool) {
        var source = Substring(pattern)
        var options: NSRegularExpression.Options = caseSensitive ? [] : [.caseInsensitive]
        if source.hasPrefix("(?i)") {
            source = source.dropFirst(4)
            options.insert(.caseInsensitive)
        }
        regex = try? NSRegularExpression(pattern: String(source), options: options)
    }

    /// Whether the pattern compiled.
    var isValid: Bool { regex != nil }

    /// Whether the pattern matches somewhere in `text` (false when it did not compile).
    func matches(_ text: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}
