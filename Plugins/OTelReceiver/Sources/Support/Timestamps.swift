import Foundation

/// OTLP's Unix-nanosecond times as dates (ISO-8601 text goes through the SDK's `ISO8601Timestamp`).
enum Timestamps {
    /// The date for Unix nanoseconds; nil for 0 (absent).
    static func date(unixNanos: UInt64) -> Date? {
        guard unixNanos > 0 else { return nil }
        let seconds = Double(unixNanos / 1_000_000_000)
        let fraction = Double(unixNanos % 1_000_000_000) / 1_000_000_000
        return Date(timeIntervalSince1970: seconds + fraction)
    }
}
