import Foundation
import LanternPluginSDK

/// Every bucket of a time series from `from` to `to`, so a chart shows empty hours or days as zero rather than
/// joining the buckets around them (the metrics API answers only the buckets that hold rows).
enum TimeBuckets {
    /// Buckets beyond this many are not filled in (the answer's own rows are kept as they are).
    static let limit = 400

    /// `points` (bucket start as the API writes it, value) with a zero for each missing `granularity` bucket
    /// (`hour` or `day`, aligned on UTC) between `from` and `to`.
    static func filled(_ points: [(time: String, value: Double)], from: Date, to: Date, granularity: String) -> [(time: String, value: Double)] {
        let step: TimeInterval = granularity == "hour" ? 3600 : 86_400
        let first = (from.timeIntervalSince1970 / step).rounded(.down) * step
        let count = Int(((to.timeIntervalSince1970 - first) / step).rounded(.up))
        guard count > 0, count <= limit else { return points }
        var values: [Int: Double] = [:]
        for point in points {
            guard let date = ISO8601Timestamp.parse(point.time) else { continue }
            values[Int((date.timeIntervalSince1970 / step).rounded(.down)), default: 0] += point.value
        }
        return (0..<count).map { index in
            let start = first + Double(index) * step
            return (ISO8601Timestamp.format(Date(timeIntervalSince1970: start)), values[Int((start / step).rounded(.down))] ?? 0)
        }
    }
}
