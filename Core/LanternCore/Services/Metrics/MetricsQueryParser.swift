import LanternPluginSDK

/// Turns the `query` parameter of `GET /api/public/v2/metrics` and `GET /api/public/metrics` (Langfuse's metrics
/// query language, JSON) into a ``MetricsQuery`` with every name checked against ``MetricsCatalog``, every default
/// applied and `auto` granularity resolved. The only place metrics queries are validated: storage trusts the result.
///
/// Failures carry the message for a 400 answer, naming the part of the query at fault (`metrics[1].measure: ...`).
enum MetricsQueryParser {
    /// The query in `text` (nil when the parameter is missing) as sent to the `api` route.
    static func parse(_ text: String?, api: MetricsAPIVersion) throws(ValidationFailure) -> MetricsQuery {
        guard let text else { throw ValidationFailure("query: is required") }
        guard let json = JSONValue.parse(text) else { throw ValidationFailure("Invalid JSON in query parameter") }
        guard case .object(let members) = json else {
            throw ValidationFailure("query: must be a JSON object (got \(MetricsQueryObject.show(json)))")
        }
        let query = MetricsQueryObject(members: members, path: "")
        let view = try view(in: query, api: api)
        let metrics = try MetricsSelectionParser.metrics(in: query, view: view)
        let dimensions = try MetricsSelectionParser.dimensions(in: query, view: view)
        let dimensionNames = dimensions.map(\.name)
        let filters = try MetricsFilterParser.filters(in: query, view: view)
        let range = try MetricsTimeParser.range(in: query)
        let granularity = try MetricsTimeParser.granularity(in: query, from: range.from, to: range.to)
        let order = try MetricsOrderParser.order(in: query, dimensions: dimensionNames, metrics: metrics, timeBuckets: granularity != nil)
        let config = try MetricsQueryConfig(in: query)
        if api == .v2 {
            try MetricsCardinalityRule.check(dimensions: dimensions, metrics: metrics, timeBuckets: granularity != nil,
                                             explicitOrder: order, explicitRowLimit: config.rowLimit)
        }
        return MetricsQuery(
            view: view, dimensions: dimensionNames, metrics: metrics, filters: filters, granularity: granularity,
            from: range.from, to: range.to,
            orderBy: order.isEmpty
                ? MetricsOrderParser.defaultOrder(dimensions: dimensionNames, metrics: metrics, timeBuckets: granularity != nil)
                : order,
            rowLimit: config.rowLimit ?? MetricsQueryConfig.defaultRowLimit,
            histogramBins: config.bins ?? MetricsQueryConfig.defaultBins)
    }

    /// The required `view`, one the `api` route answers.
    private static func view(in query: MetricsQueryObject, api: MetricsAPIVersion) throws(ValidationFailure) -> MetricsQuery.View {
        let name = try query.string("view")
        if api == .v2, name == MetricsQuery.View.traces.rawValue {
            throw query.failure("the v2 metrics API does not support the traces view; use the observations view "
                + "(or the legacy GET /api/public/metrics)", at: "view")
        }
        guard let view = MetricsQuery.View(rawValue: name), api.views.contains(view) else {
            throw query.failure("'\(name)' is not a view (\(api.views.map(\.rawValue).joined(separator: ", ")))", at: "view")
        }
        return view
    }
}
