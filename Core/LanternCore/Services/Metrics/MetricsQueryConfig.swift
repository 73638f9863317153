import LanternPluginSDK

/// The optional `config` of a metrics query: histogram bins and the row limit, as sent (nil when absent).
struct MetricsQueryConfig: Sendable {
    /// Histogram bins when the query does not set them.
    static let defaultBins = 10
    /// The row limit when the query does not set one.
    static let defaultRowLimit = 100

    /// `config.bins`, 1–100.
    let bins: Int?
    /// `config.row_limit`, 1–1000.
    let rowLimit: Int?

    /// Reads `config` from `query`.
    init(in query: MetricsQueryObject) throws(ValidationFailure) {
        let config = try query.object("config", shape: "{bins, row_limit}")
        bins = try config?.integer("bins", in: 1...100)
        rowLimit = try config?.integer("row_limit", in: 1...1000)
    }
}
