import Foundation
import LanternPluginSDK

/// Reads the time range (`fromTimestamp`, `toTimestamp`) and the optional `timeDimension` of a metrics query.
enum MetricsTimeParser {
    /// The granularity names `timeDimension.granularity` accepts: `auto` and every fixed width.
    static let granularityNames = ["auto"] + MetricsQuery.Granularity.allCases.map(\.rawValue)

    /// The required ISO 8601 `fromTimestamp` and `toTimestamp`, the first before the second.
    static func range(in query: MetricsQueryObject) throws(ValidationFailure) -> (from: Date, to: Date) {
        let from = try date("fromTimestamp", in: query)
        let to = try date("toTimestamp", in: query)
        guard from < to else { throw query.failure("must be after fromTimestamp", at: "toTimestamp") }
        return (from, to)
    }

    /// The optional `timeDimension` (`{granularity}` or null) as a bucket width, `auto` resolved for the range.
    static func granularity(in query: MetricsQueryObject, from: Date, to: Date) throws(ValidationFailure) -> MetricsQuery.Granularity? {
        guard let timeDimension = try query.object("timeDimension", shape: "{granularity}") else { return nil }
        let name = try timeDimension.string("granularity")
        if name == "auto" { return autoGranularity(from: from, to: to) }
        guard let granularity = MetricsQuery.Granularity(rawValue: name) else {
            throw timeDimension.failure("'\(name)' is not a granularity (\(granularityNames.joined(separator: ", ")))", at: "granularity")
        }
        return granularity
    }

    /// Langfuse's `auto` width, aiming at about 50 buckets: under 2 hours minutes, under 3 days hours,
    /// under 60 days days, under 365 days weeks, otherwise months.
    static func autoGranularity(from: Date, to: Date) -> MetricsQuery.Granularity {
        let hours = to.timeIntervalSince(from) / 3600
        if hours < 2 { return .minute }
        if hours < 72 { return .hour }
        if hours < 1440 { return .day }
        if hours < 8760 { return .week }
        return .month
    }

    private static func date(_ key: String, in query: MetricsQueryObject) throws(ValidationFailure) -> Date {
        let text = try query.string(key)
        guard let date = ISO8601Timestamp.parse(text) else {
            throw query.failure("'\(text)' is not an ISO 8601 date-time (e.g. 2025-01-01T00:00:00Z)", at: key)
        }
        return date
    }
}
