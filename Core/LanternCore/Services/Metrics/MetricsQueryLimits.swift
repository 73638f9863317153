import Foundation
import LanternPluginSDK

/// The most work one metrics query may ask for (`metrics:` in the config): group-by dimensions, filters, and time
/// buckets (the range divided by the granularity), so a query over years at minute granularity is refused with a
/// 400 naming the limit instead of running for minutes.
public struct MetricsQueryLimits: Sendable, Hashable {
    public var maxDimensions = 10
    public var maxFilters = 50
    public var maxTimeBuckets = 50_000

    public init() {}

    /// Refuses a parsed query past any limit, naming the part, the limit and its config key.
    func check(_ query: MetricsQuery) throws(ValidationFailure) {
        if query.dimensions.count > maxDimensions {
            throw ValidationFailure("dimensions: at most \(maxDimensions) per query (got \(query.dimensions.count); metrics.maxDimensions in the config)")
        }
        if query.filters.count > maxFilters {
            throw ValidationFailure("filters: at most \(maxFilters) per query (got \(query.filters.count); metrics.maxFilters in the config)")
        }
        if let granularity = query.granularity {
            let buckets = query.to.timeIntervalSince(query.from) / Self.seconds(granularity)
            if buckets > Double(maxTimeBuckets) {
                throw ValidationFailure("timeDimension.granularity: '\(granularity.rawValue)' over this range makes \(Int(buckets.rounded(.up))) "
                    + "time buckets, more than \(maxTimeBuckets) (metrics.maxTimeBuckets in the config); narrow fromTimestamp/toTimestamp "
                    + "or use a coarser granularity")
            }
        }
    }

    /// A bucket's width; a month counts as 30 days.
    private static func seconds(_ granularity: MetricsQuery.Granularity) -> Double {
        switch granularity {
        case .minute: 60
        case .hour: 3600
        case .day: 86_400
        case .week: 604_800
        case .month: 2_592_000
        @unknown default: 60
        }
    }
}
