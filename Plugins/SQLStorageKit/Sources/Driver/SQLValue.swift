import Foundation

/// A value bound to a statement parameter, in either database: SQLite binds it with its own type, PostgreSQL
/// sends it as text (numbers in their shortest exact decimal form) or, for a blob, as raw bytes.
package enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double.
    case real(Double)
    /// Text; PostgreSQL's text-format results hand every non-NULL cell as text.
    case text(String)
    /// Raw bytes (SQLite BLOB, PostgreSQL `bytea`).
    case blob([UInt8])

    /// Text, or NULL when nil.
    package static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }

    /// An integer from a Swift `Int`.
    package static func int(_ value: Int) -> SQLValue { .integer(Int64(truncatingIfNeeded: value)) }

    /// An integer, or NULL when nil.
    package static func optional(_ value: Int?) -> SQLValue { value.map(SQLValue.int) ?? .null }

    /// A boolean as 0 or 1 (SQLite's booleans; PostgreSQL reads `1` and `0` as a `boolean` parameter too).
    package static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }

    /// A date as seconds since Foundation's reference date (2001-01-01T00:00:00Z).
    ///
    /// `Date` stores exactly this number, so every date reads back bit for bit; SQL comparisons and
    /// differences work in seconds as with any epoch.
    package static func date(_ date: Date) -> SQLValue { .real(date.timeIntervalSinceReferenceDate) }

    /// A date, or NULL when nil.
    package static func optional(_ date: Date?) -> SQLValue { date.map(SQLValue.date) ?? .null }
}

extension Date {
    /// The date stored as ``SQLValue/date(_:)``.
    package init(storedSeconds: Double) { self.init(timeIntervalSinceReferenceDate: storedSeconds) }
}
