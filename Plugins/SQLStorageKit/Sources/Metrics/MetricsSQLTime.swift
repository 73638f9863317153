import LanternPluginSDK

/// UTC text written from a stored time (seconds since 2001-01-01T00:00:00Z): the month and day dimensions and
/// the start of a time bucket. Both dialects write the same text for the same stored value.
enum MetricsSQLTimeText: Sendable, Hashable {
    /// `YYYY-MM`.
    case month
    /// `YYYY-MM-DD`.
    case day
    /// The start of the bucket as `YYYY-MM-DDTHH:MM:SSZ`; weeks start on Monday.
    case bucket(MetricsQuery.Granularity)

    /// Seconds between 1970-01-01 and 2001-01-01, the epoch of stored times.
    static let referenceOffset = "978307200"

    /// The text of the stored time `stored` (an SQL expression) in `dialect`.
    func sql(_ stored: String, dialect: MetricsSQLDialect) -> String {
        let seconds = Self.flooredUnixSeconds(stored, dialect: dialect)
        switch dialect {
        case .sqlite:
            return "strftime('\(sqliteFormat)', \(seconds), 'unixepoch'\(sqliteModifiers))"
        case .postgres:
            let utc = "(to_timestamp(\(seconds)) AT TIME ZONE 'UTC')"
            switch self {
            case .month: return "to_char(\(utc), 'YYYY-MM')"
            case .day: return "to_char(\(utc), 'YYYY-MM-DD')"
            case .bucket(let granularity):
                return "to_char(date_trunc('\(granularity.rawValue)', \(utc)), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            }
        }
    }

    /// Whole Unix seconds, rounded down: both databases then see the same second (SQLite would otherwise
    /// round to the millisecond and PostgreSQL to the microsecond, which can differ at a bucket's edge).
    private static func flooredUnixSeconds(_ stored: String, dialect: MetricsSQLDialect) -> String {
        let unix = "(\(stored) + \(referenceOffset))"
        switch dialect {
        case .sqlite: return "(CAST(\(unix) AS INTEGER) - (\(unix) < CAST(\(unix) AS INTEGER)))"
        case .postgres: return "floor(\(unix))"
        }
    }

    /// The `strftime` format.
    private var sqliteFormat: String {
        switch self {
        case .month: "%Y-%m"
        case .day: "%Y-%m-%d"
        case .bucket(.minute): "%Y-%m-%dT%H:%M:00Z"
        case .bucket(.hour): "%Y-%m-%dT%H:00:00Z"
        case .bucket(.day), .bucket(.week): "%Y-%m-%dT00:00:00Z"
        case .bucket(.month): "%Y-%m-01T00:00:00Z"
        case .bucket: "%Y-%m-%dT%H:%M:%SZ"  // a newer SDK's granularity, refused by MetricsSQLPlan
        }
    }

    /// Date modifiers after `'unixepoch'`: a week goes back six days, then forward to the next Monday
    /// (which is the day itself when it is a Monday).
    private var sqliteModifiers: String {
        self == .bucket(.week) ? ", '-6 days', 'weekday 1'" : ""
    }
}
