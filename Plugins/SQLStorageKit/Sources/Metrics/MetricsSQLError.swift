import LanternPluginSDK

/// Why ``MetricsSQL`` cannot write a statement for a query: each case is a query the kernel should have
/// refused against ``MetricsCatalog``.
package enum MetricsSQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A dimension or filter column that is not a field of the view.
    case unknownField(String)
    /// A field that cannot be a dimension (the view's time field: group by time with a granularity).
    case unsupportedDimension(String)
    /// A measure that is not one of the view's.
    case unknownMeasure(String)
    /// A filter whose condition does not apply to its column (e.g. `all of` on a text column).
    case unsupportedFilter(String)
    /// A `metadata` filter without a key.
    case missingMetadataKey
    /// An `orderBy` field that is neither a dimension, `time_dimension`, nor a metric alias of the query.
    case unknownOrderField(String)
    /// A view this storage does not know (one added by a newer SDK).
    case unknownView(String)
    /// A time bucket width this storage does not know (one added by a newer SDK).
    case unknownGranularity(String)

    /// A one-line explanation.
    package var description: String {
        switch self {
        case .unknownField(let name): "'\(name)' is not a field of the view"
        case .unsupportedDimension(let name): "'\(name)' cannot be a dimension"
        case .unknownMeasure(let name): "'\(name)' is not a measure of the view"
        case .unsupportedFilter(let column): "the filter on '\(column)' does not apply to its column"
        case .missingMetadataKey: "a metadata filter needs a key"
        case .unknownOrderField(let name): "'\(name)' is neither a dimension, time_dimension nor a metric of the query"
        case .unknownView(let name): "the view '\(name)' is not known to this storage"
        case .unknownGranularity(let name): "the granularity '\(name)' is not known to this storage"
        }
    }
}
