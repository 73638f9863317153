import LanternPluginSDK

/// The route a metrics query came through: the legacy `GET /api/public/metrics` or `GET /api/public/v2/metrics`.
enum MetricsAPIVersion: Sendable, Hashable {
    /// The legacy route: every view, any dimension.
    case v1
    /// The v2 route: no `traces` view; high-cardinality dimensions only in top-N queries.
    case v2

    /// The views this route answers, in catalog order.
    var views: [MetricsQuery.View] {
        self == .v1 ? MetricsQuery.View.allCases : MetricsQuery.View.allCases.filter { $0 != .traces }
    }
}
