import LanternPluginSDK

/// A value bound to a ``MetricsSQL`` statement parameter, or read from one of its result cells.
package enum MetricsSQLValue: Sendable, Hashable {
    /// SQL NULL: only in result cells, never among ``MetricsSQL/bindings``.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double.
    case real(Double)
    /// Text; a PostgreSQL text-format reader hands every non-NULL cell as text.
    case text(String)
}

extension MetricsSQLValue {
    /// The PostgreSQL type a parameter holding this value is cast to.
    var postgresType: String {
        switch self {
        case .null, .text: "text"
        case .integer: "integer"
        case .real: "double precision"
        }
    }
}
