import Foundation
import Testing
import LanternPluginSDK
@testable import LanternCore

/// The metrics query language of `GET /api/public/v2/metrics` and `GET /api/public/metrics`: JSON text to
/// ``MetricsQuery``, with a 400 message naming the bad part of every invalid query.
@Suite("Metrics query parser")
struct MetricsQueryParserTests {
    /// 2025-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let count: JSONValue = ["measure": "count", "aggregation": "count"]
    static let base: [String: JSONValue] = [
        "view": "observations", "metrics": [count],
        "fromTimestamp": "2025-01-01T00:00:00Z", "toTimestamp": "2025-01-02T00:00:00Z",
    ]

    /// The base query with `changes` applied and the `removing` keys dropped, as JSON text.
    static func query(_ changes: [String: JSONValue] = [:], removing: [String] = []) -> String {
        var members = base.merging(changes) { _, new in new }
        for key in removing { members[key] = Optional<JSONValue>.none }
        return JSONValue.object(members).jsonText
    }

    /// The message of the failure parsing `text`, or nil when it parses.
    static func failure(_ text: String?, api: MetricsAPIVersion = .v2) -> String? {
        do {
            _ = try MetricsQueryParser.parse(text, api: api)
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: - Valid queries

    @Test func parsesAFullQuery() throws {
        let text = """
            {"view": "observations",
             "dimensions": [{"field": "name"}, {"field": "type"}],
             "metrics": [{"measure": "count", "aggregation": "count"}, {"measure": "latency", "aggregation": "p95"},
                         {"measure": "latency", "aggregation": "histogram"}],
             "filters": [{"column": "environment", "operator": "=", "value": "production", "type": "string"},
                         {"column": "metadata", "key": "region", "operator": "starts with", "value": "eu", "type": "stringObject"},
                         {"column": "startTime", "operator": ">=", "value": "2025-01-01T06:00:00Z", "type": "datetime"}],
             "timeDimension": {"granularity": "day"},
             "fromTimestamp": "2025-01-01T00:00:00.000Z", "toTimestamp": "2025-01-08T00:00:00+00:00",
             "orderBy": [{"field": "p95_latency", "direction": "desc"}, {"field": "time_dimension", "direction": "asc"},
                         {"field": "name", "direction": "asc"}],
             "config": {"bins": 20, "row_limit": 50},
             "page": 3}
            """
        let parsed = try MetricsQueryParser.parse(text, api: .v2)
        let expected = MetricsQuery(
            view: .observations, dimensions: ["name", "type"],
            metrics: [.init(measure: "count", aggregation: .count), .init(measure: "latency", aggregation: .p95),
                      .init(measure: "latency", aggregation: .histogram)],
            filters: [MetricsFilter(column: "environment", condition: .text(.equals, "production")),
                      MetricsFilter(column: "metadata", key: "region", condition: .text(.startsWith, "eu")),
                      MetricsFilter(column: "startTime", condition: .date(.greaterOrEqual, Self.start + 6 * 3600))],
            granularity: .day, from: Self.start, to: Self.start + 7 * 86_400,
            orderBy: [.init(field: "p95_latency", descending: true), .init(field: "time_dimension", descending: false),
                      .init(field: "name", descending: false)],
            rowLimit: 50, histogramBins: 20)
        #expect(parsed == expected, "every part read; the unknown top-level key 'page' ignored")
    }

    @Test func appliesDefaults() throws {
        let minimal = try MetricsQueryParser.parse(Self.query(), api: .v2)
        #expect(minimal == MetricsQuery(
            view: .observations, metrics: [.init(measure: "count", aggregation: .count)], from: Self.start,
            to: Self.start + 86_400, orderBy: [.init(field: "count_count", descending: true)], rowLimit: 100, histogramBins: 10))

        let nulls = try MetricsQueryParser.parse(Self.query(["dimensions": nil, "filters": nil, "timeDimension": nil,
                                                             "orderBy": nil, "config": nil]), api: .v2)
        #expect(nulls == minimal, "null optional parts are absent parts")
        let emptyConfig = try MetricsQueryParser.parse(Self.query(["config": [:], "orderBy": []]), api: .v2)
        #expect(emptyConfig == minimal, "an empty config and an empty orderBy take the defaults")

        let timeSeries = try MetricsQueryParser.parse(Self.query(["timeDimension": ["granularity": "hour"]]), api: .v2)
        #expect(timeSeries.orderBy == [.init(field: "time_dimension", descending: false)], "time series: buckets ascending")

        let histogramFirst = try MetricsQueryParser.parse(Self.query([
            "metrics": [["measure": "latency", "aggregation": "histogram"], ["measure": "totalCost", "aggregation": "sum"]],
        ]), api: .v2)
        #expect(histogramFirst.orderBy == [.init(field: "sum_totalCost", descending: true)], "the first sortable metric")

        let onlyHistogram = try MetricsQueryParser.parse(Self.query([
            "metrics": [["measure": "latency", "aggregation": "histogram"]], "dimensions": [["field": "name"]],
        ]), api: .v2)
        #expect(onlyHistogram.orderBy == [.init(field: "name", descending: false)], "no sortable metric: the first dimension")
    }

    /// Range lengths in hours and the `auto` width Langfuse picks: 1 hour, 1 day, 30 days, 1 year and the edges.
    static let autoCases: [(hours: Double, granularity: MetricsQuery.Granularity)] = [
        (1, .minute), (1.99, .minute), (2, .hour), (24, .hour), (72, .day), (720, .day), (1_440, .week), (8_736, .week),
        (8_760, .month), (26_280, .month),
    ]

    @Test(arguments: autoCases)
    func resolvesAutoGranularity(hours: Double, expected: MetricsQuery.Granularity) throws {
        let to = JSONValue.string(ISO8601Timestamp.format(Self.start + hours * 3600))
        let parsed = try MetricsQueryParser.parse(Self.query(["timeDimension": ["granularity": "auto"], "toTimestamp": to]), api: .v2)
        #expect(parsed.granularity == expected, "a range of \(hours) hours")
    }

    @Test func acceptsEveryViewWithItsTimeField() throws {
        for view in MetricsQuery.View.allCases {
            let timeField = JSONValue.string(MetricsCatalog.timeField(of: view))
            let text = Self.query([
                "view": .string(view.rawValue),
                "filters": [["column": timeField, "operator": "<", "value": "2025-01-01T12:00:00Z", "type": "datetime"]],
            ])
            let parsed = try MetricsQueryParser.parse(text, api: .v1)
            #expect(parsed.view == view)
            #expect(parsed.filters.first?.column == MetricsCatalog.timeField(of: view))
        }
    }

    // MARK: - Failures

    @Test(arguments: [
        (query(removing: ["view"]), "view: is required"),
        (query(["view": "sessions"]), "view: 'sessions' is not a view (observations, scores-numeric"),
        (query(["view": 5]), "view: must be a string (got 5)"),
        (query(removing: ["metrics"]), "metrics: is required"),
        (query(["metrics": []]), "metrics: must hold at least one"),
        (query(["metrics": "count"]), "metrics: must be an array"),
        (query(["metrics": [1]]), "metrics[0]: must be an object {measure, aggregation}"),
        (query(["metrics": [count, ["measure": "foo", "aggregation": "sum"]]]),
         "metrics[1].measure: 'foo' is not a measure of the observations view (count, latency,"),
        (query(["metrics": [["aggregation": "sum"]]]), "metrics[0].measure: is required"),
        (query(["metrics": [["measure": "latency", "aggregation": "median"]]]), "metrics[0].aggregation: 'median' is not an aggregation"),
        (query(["metrics": [count, count]]), "metrics[1]: count_count is already a metric"),
        (query(["view": "scores-categorical", "metrics": [["measure": "value", "aggregation": "avg"]]]),
         "metrics[0].measure: 'value' is not a measure of the scores-categorical view (count)"),
        (query(["dimensions": ["name"]]), "dimensions[0]: must be an object {field}"),
        (query(["dimensions": [["field": "name"], ["field": "model"]]]), "dimensions[1].field: 'model' is not a dimension of the observations view"),
        (query(["dimensions": [["field": "startTime"]]]), "dimensions[0].field: 'startTime' is the time field"),
        (query(["dimensions": [["field": "name"], ["field": "name"]]]), "dimensions[1].field: 'name' is already a dimension"),
        (query(["dimensions": ["field": "name"]]), "dimensions: must be an array"),
        (query(removing: ["fromTimestamp"]), "fromTimestamp: is required"),
        (query(["fromTimestamp": "yesterday"]), "fromTimestamp: 'yesterday' is not an ISO 8601 date-time"),
        (query(["toTimestamp": 1_735_689_600]), "toTimestamp: must be a string"),
        (query(["toTimestamp": "2025-01-01T00:00:00Z"]), "toTimestamp: must be after fromTimestamp"),
        (query(["timeDimension": "day"]), "timeDimension: must be an object {granularity}"),
        (query(["timeDimension": [:]]), "timeDimension.granularity: is required"),
        (query(["timeDimension": ["granularity": "year"]]), "timeDimension.granularity: 'year' is not a granularity (auto, minute"),
        (query(["orderBy": ["field": "count_count"]]), "orderBy: must be an array"),
        (query(["orderBy": [["field": "sum_latency", "direction": "desc"]]]), "orderBy[0].field: 'sum_latency' is not a dimension"),
        (query(["orderBy": [["field": "time_dimension", "direction": "asc"]]]), "orderBy[0].field: time_dimension needs a timeDimension"),
        (query(["metrics": [count, ["measure": "latency", "aggregation": "histogram"]],
                "orderBy": [["field": "count_count", "direction": "asc"], ["field": "histogram_latency", "direction": "desc"]]]),
         "orderBy[1].field: cannot order by histogram_latency"),
        (query(["orderBy": [["field": "count_count", "direction": "up"]]]), "orderBy[0].direction: 'up' is not a direction (asc, desc)"),
        (query(["orderBy": [["field": "count_count"]]]), "orderBy[0].direction: is required"),
        (query(["config": 10]), "config: must be an object {bins, row_limit}"),
        (query(["config": ["bins": 0]]), "config.bins: must be an integer from 1 to 100 (got 0)"),
        (query(["config": ["bins": 101]]), "config.bins: must be an integer from 1 to 100 (got 101)"),
        (query(["config": ["bins": 2.5]]), "config.bins: must be an integer from 1 to 100 (got 2.5)"),
        (query(["config": ["row_limit": 1001]]), "config.row_limit: must be an integer from 1 to 1000 (got 1001)"),
        (query(["config": ["row_limit": "10"]]), "config.row_limit: must be an integer from 1 to 1000 (got \"10\")"),
    ])
    func rejectsInvalidQueries(text: String, message: String) {
        let failure = Self.failure(text)
        #expect(failure?.hasPrefix(message) == true, "got \(failure ?? "no failure")")
    }

    @Test func rejectsMissingMalformedAndNonObjectText() {
        #expect(Self.failure(nil) == "query: is required")
        for bad in ["", "{", "{\"view\": observations}", "{'view': 'observations'}"] {
            #expect(Self.failure(bad) == "Invalid JSON in query parameter", "\(bad.debugDescription)")
        }
        #expect(Self.failure("[1, 2]")?.hasPrefix("query: must be a JSON object") == true)
        #expect(Self.failure("\"observations\"")?.hasPrefix("query: must be a JSON object") == true)
    }

    // MARK: - v1 and v2

    @Test func onlyTheLegacyRouteAnswersTheTracesView() throws {
        let traces = Self.query(["view": "traces", "dimensions": [["field": "userId"]]])
        let parsed = try MetricsQueryParser.parse(traces, api: .v1)
        #expect(parsed.view == .traces && parsed.dimensions == ["userId"], "v1: traces, grouped by a high-cardinality field")
        let failure = Self.failure(traces, api: .v2)
        #expect(failure?.hasPrefix("view: the v2 metrics API does not support the traces view") == true)
        #expect(failure?.contains("observations") == true, "points to the observations view")
        #expect(Self.failure(Self.query(["view": "sessions"]), api: .v1)?.contains("traces, observations") == true,
                "v1 lists traces among its views")
    }

    @Test func v2GroupsByHighCardinalityFieldsOnlyInTopNQueries() throws {
        let byUser: [String: JSONValue] = ["dimensions": [["field": "name"], ["field": "userId"]]]
        #expect(try MetricsQueryParser.parse(Self.query(byUser), api: .v1).dimensions == ["name", "userId"], "v1 allows it")

        let plain = Self.failure(Self.query(byUser))
        #expect(plain?.hasPrefix("dimensions[1].field: 'userId' has too many distinct values") == true, "got \(plain ?? "-")")
        #expect(plain?.contains("filter on it instead") == true, "suggests a filter")

        let topN = byUser.merging(["config": ["row_limit": 10], "orderBy": [["field": "count_count", "direction": "desc"]]]) { $1 }
        let parsed = try MetricsQueryParser.parse(Self.query(topN), api: .v2)
        #expect(parsed.rowLimit == 10 && parsed.dimensions == ["name", "userId"], "a bounded top-N query is allowed, as in Langfuse")

        let withTime = topN.merging(["timeDimension": ["granularity": "day"]]) { $1 }
        #expect(Self.failure(Self.query(withTime))?.contains("together with a timeDimension") == true)
        let noLimit = topN.merging(["config": nil]) { $1 }
        #expect(Self.failure(Self.query(noLimit))?.hasPrefix("dimensions[1].field: 'userId'") == true, "the default limit is not enough")
        let descOnDimension = topN.merging(["orderBy": [["field": "name", "direction": "desc"]]]) { $1 }
        #expect(Self.failure(Self.query(descOnDimension))?.hasPrefix("dimensions[1].field: 'userId'") == true, "descending on a metric")

        let filtered = try MetricsQueryParser.parse(Self.query([
            "filters": [["column": "userId", "operator": "=", "value": "u-1", "type": "string"]],
        ]), api: .v2)
        #expect(filtered.filters == [MetricsFilter(column: "userId", condition: .text(.equals, "u-1"))], "still a filter")
    }

    // MARK: - Filters

    /// A filter object; a nil `value` or `key` leaves the member out (a nil type or operator is JSON null).
    static func filter(_ column: JSONValue, _ type: JSONValue, _ op: JSONValue, _ value: JSONValue?, key: JSONValue? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["column": column, "type": type, "operator": op]
        members["value"] = value
        members["key"] = key
        return .object(members)
    }

    @Test(arguments: [
        (filter("name", "string", "=", "chat"), MetricsFilter(column: "name", condition: .text(.equals, "chat"))),
        (filter("traceName", "string", "does not contain", "test"),
         MetricsFilter(column: "traceName", condition: .text(.doesNotContain, "test"))),
        (filter("promptVersion", "number", ">=", 2), MetricsFilter(column: "promptVersion", condition: .number(.greaterOrEqual, 2))),
        (filter("start_time", "datetime", "<", "2025-01-01T12:00:00Z"),
         MetricsFilter(column: "startTime", condition: .date(.less, start + 12 * 3600))),
        (filter("name", "stringOptions", "any of", ["a", "b"]), MetricsFilter(column: "name", condition: .options(.anyOf, ["a", "b"]))),
        (filter("level", "categoryOptions", "none of", ["ERROR"]), MetricsFilter(column: "level", condition: .options(.noneOf, ["ERROR"]))),
        (filter("tags", "arrayOptions", "all of", ["x", "y"]), MetricsFilter(column: "tags", condition: .options(.allOf, ["x", "y"]))),
        (filter("tags", "arrayOptions", "none of", []), MetricsFilter(column: "tags", condition: .options(.noneOf, []))),
        (filter("metadata", "stringObject", "contains", "prod", key: "env"),
         MetricsFilter(column: "metadata", key: "env", condition: .text(.contains, "prod"))),
        (filter("metadata", "numberObject", ">", 3, key: "attempt"),
         MetricsFilter(column: "metadata", key: "attempt", condition: .number(.greater, 3))),
        (filter("isRootObservation", "boolean", "=", true), MetricsFilter(column: "isRootObservation", condition: .boolean(equals: true))),
        (filter("isRootObservation", "boolean", "<>", true), MetricsFilter(column: "isRootObservation", condition: .boolean(equals: false))),
        (filter("userId", "null", "is null", ""), MetricsFilter(column: "userId", condition: .isNull(true))),
        (filter("promptVersion", "null", "is not null", nil), MetricsFilter(column: "promptVersion", condition: .isNull(false))),
    ])
    func readsEveryFilterType(filter: JSONValue, expected: MetricsFilter) throws {
        let parsed = try MetricsQueryParser.parse(Self.query(["filters": [filter]]), api: .v2)
        #expect(parsed.filters == [expected])
    }

    @Test func readsScoreFilters() throws {
        let text = Self.query(["view": "scores-boolean", "metrics": [["measure": "value", "aggregation": "avg"]], "filters": [
            Self.filter("booleanValue", "boolean", "=", false), Self.filter("value", "number", "<=", 0.5),
        ]])
        let parsed = try MetricsQueryParser.parse(text, api: .v2)
        #expect(parsed.filters == [MetricsFilter(column: "booleanValue", condition: .boolean(equals: false)),
                                   MetricsFilter(column: "value", condition: .number(.lessOrEqual, 0.5))])
    }

    @Test(arguments: [
        (filter("name", "string", ">", "chat"), "filters[1].operator: '>' is not an operator of type string ('=', 'contains'"),
        (filter("name", "string", "=", 5), "filters[1].value: type string takes a string (got 5)"),
        (filter("promptVersion", "number", "contains", 2), "filters[1].operator: 'contains' is not an operator of type number"),
        (filter("promptVersion", "number", "=", "2"), "filters[1].value: type number takes a number (got \"2\")"),
        (filter("startTime", "datetime", "=", "2025-01-01T12:00:00Z"), "filters[1].operator: '=' is not an operator of type datetime"),
        (filter("startTime", "datetime", ">", "noon"), "filters[1].value: type datetime takes an ISO 8601 date-time string"),
        (filter("name", "stringOptions", "all of", ["a"]), "filters[1].operator: 'all of' is not an operator of type stringOptions"),
        (filter("name", "stringOptions", "any of", []), "filters[1].value: must hold at least one string for 'any of'"),
        (filter("name", "stringOptions", "none of", ["a", 1]), "filters[1].value: type stringOptions takes an array of strings"),
        (filter("level", "categoryOptions", "=", ["ERROR"]), "filters[1].operator: '=' is not an operator of type categoryOptions"),
        (filter("level", "categoryOptions", "any of", "ERROR"), "filters[1].value: type categoryOptions takes an array of strings"),
        (filter("tags", "arrayOptions", "contains", ["x"]), "filters[1].operator: 'contains' is not an operator of type arrayOptions"),
        (filter("tags", "arrayOptions", "any of", []), "filters[1].value: must hold at least one string for 'any of'"),
        (filter("metadata", "stringObject", ">", "a", key: "env"), "filters[1].operator: '>' is not an operator of type stringObject"),
        (filter("metadata", "stringObject", "=", "a"), "filters[1].key: is required"),
        (filter("metadata", "numberObject", "=", "3", key: "attempt"), "filters[1].value: type numberObject takes a number"),
        (filter("metadata", "string", "=", "a", key: "env"), "filters[1].type: metadata filters take type stringObject or numberObject"),
        (filter("isRootObservation", "boolean", ">", true), "filters[1].operator: '>' is not an operator of type boolean ('=', '<>')"),
        (filter("isRootObservation", "boolean", "=", "true"), "filters[1].value: type boolean takes true or false"),
        (filter("userId", "null", "=", ""), "filters[1].operator: '=' is not an operator of type null ('is null', 'is not null')"),
        (filter("userId", "null", "is null", "x"), "filters[1].value: type null takes \"\" or absent"),
        (filter("promptVersion", "string", "=", "2"), "filters[1].type: 'string' does not fit column promptVersion (use one of number, null)"),
        (filter("tags", "string", "=", "x"), "filters[1].type: 'string' does not fit column tags (use one of arrayOptions, null)"),
        (filter("isRootObservation", "string", "=", "true"), "filters[1].type: 'string' does not fit column isRootObservation"),
        (filter("startTime", "string", "=", "x"), "filters[1].type: 'string' does not fit column startTime (use one of datetime, null)"),
        (filter("name", "stringObject", "=", "x", key: "k"), "filters[1].type: 'stringObject' does not fit column name"),
        (filter("name", "positionInTrace", "=", 1), "filters[1].type: 'positionInTrace' is not a filter type"),
        (filter("model", "string", "=", "gpt"), "filters[1].column: 'model' is not a column of the observations view"),
        (filter("name", "string", nil, "chat"), "filters[1].operator: is required"),
        (filter("name", nil, "=", "chat"), "filters[1].type: is required"),
        ("name", "filters[1]: must be an object {column, operator, value, type}"),
    ] as [(JSONValue, String)])
    func rejectsInvalidFilters(filter: JSONValue, message: String) {
        let valid = Self.filter("environment", "string", "=", "production")
        let failure = Self.failure(Self.query(["filters": [valid, filter]]))
        #expect(failure?.hasPrefix(message) == true, "got \(failure ?? "no failure")")
    }
}
