import Foundation

/// A value bound to a statement parameter: sent as text (PostgreSQL parses it as the parameter's type) or,
/// for `bytea`, as raw bytes.
enum PGValue: Sendable, Hashable {
    case null
    case text(String)
    case bytes([UInt8])

    /// Text, or NULL when nil.
    static func optional(_ text: String?) -> PGValue { text.map(PGValue.text) ?? .null }

    /// An integer.
    static func int(_ value: Int) -> PGValue { .text(String(value)) }

    /// An integer, or NULL when nil.
    static func optional(_ value: Int?) -> PGValue { value.map(PGValue.int) ?? .null }

    /// A double in its shortest exact decimal form, so it reads back bit for bit (infinities and NaN spelled
    /// as PostgreSQL reads them).
    static func double(_ value: Double) -> PGValue {
        if value.isNaN { return .text("NaN") }
        if value.isInfinite { return .text(value < 0 ? "-Infinity" : "Infinity") }
        return .text("\(value)")
    }

    /// A boolean.
    static func bool(_ value: Bool) -> PGValue { .text(value ? "true" : "false") }

    /// A date as `double precision` seconds since Foundation's reference date (2001-01-01T00:00:00Z).
    ///
    /// `Date` stores exactly this number, so every date reads back bit for bit, and SQL comparisons and
    /// differences work in seconds (`lantern_timestamp(seconds)` turns one into a `timestamptz`).
    static func date(_ date: Date) -> PGValue { .double(date.timeIntervalSinceReferenceDate) }

    /// A date, or NULL when nil.
    static func optional(_ date: Date?) -> PGValue { date.map(PGValue.date) ?? .null }
}

extension Date {
    /// The date stored as ``PGValue/date(_:)``.
    init(storedSeconds: Double) { self.init(timeIntervalSinceReferenceDate: storedSeconds) }
}
