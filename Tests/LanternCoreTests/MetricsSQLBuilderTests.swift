import Foundation
import Testing
import LanternPluginSDK
import SQLStorageKit

/// The storage kit's metrics SQL builder without a database: what it writes, what it binds, and how it reads cells back.
/// (The storages' conformance tests run the statements against SQLite and PostgreSQL.)
@Suite("Metrics SQL builder")
struct MetricsSQLBuilderTests {
    /// 2025-01-01T00:00:00Z and one week later.
    static let from = Date(timeIntervalSince1970: 1_735_689_600)
    static let to = Date(timeIntervalSince1970: 1_736_294_400)

    static func query(_ view: MetricsQuery.View = .observations, dimensions: [String] = [],
                      metrics: [MetricsQuery.Metric] = [.init(measure: "count", aggregation: .count)],
                      filters: [MetricsFilter] = [], granularity: MetricsQuery.Granularity? = nil,
                      orderBy: [MetricsQuery.Order] = []) -> MetricsQuery {
        MetricsQuery(view: view, dimensions: dimensions, metrics: metrics, filters: filters, granularity: granularity,
                     from: from, to: to, orderBy: orderBy, rowLimit: 50, histogramBins: 7)
    }

    /// The `$n` placeholders of a PostgreSQL statement, in the order they appear.
    static func placeholders(in sql: String) -> [Int] {
        var numbers: [Int] = []
        var digits = ""
        var inPlaceholder = false
        for character in sql + " " {
            if inPlaceholder, character.isNumber {
                digits.append(character)
                continue
            }
            if inPlaceholder, let number = Int(digits) { numbers.append(number) }
            inPlaceholder = character == "$"
            digits = ""
        }
        return numbers
    }

    @Test func filterValuesAreOnlyBound() throws {
        let hostile = #"x' OR '1'='1"; DROP TABLE traces; -- 100%_\"#
        let filters = [
            MetricsFilter(column: "name", condition: .text(.contains, hostile)),
            MetricsFilter(column: "traceName", condition: .options(.anyOf, [hostile, "b"])),
            MetricsFilter(column: "tags", condition: .options(.allOf, [hostile])),
            MetricsFilter(column: "metadata", key: hostile, condition: .text(.equals, hostile)),
            MetricsFilter(column: "metadata", key: "n\"k", condition: .number(.greater, 2)),
        ]
        for dialect in [MetricsSQLDialect.sqlite, .postgres] {
            let statement = try MetricsSQL(query: Self.query(filters: filters), projectID: "p'1", dialect: dialect)
            #expect(!statement.sql.contains("DROP"), "no filter text in the \(dialect) statement")
            #expect(!statement.sql.contains("p'1"), "the project is bound")
            #expect(!statement.sql.contains("n\"k"), "metadata keys are bound, not written into a JSON path")
            #expect(statement.bindings.first == .text("p'1"))
            #expect(statement.bindings.contains(.text(hostile)), "the value itself, for equality and options")
            #expect(statement.bindings.contains(.text("n\"k")))
            #expect(statement.bindings.last == .integer(50), "the row limit comes last")
        }
        let sqlite = try MetricsSQL(query: Self.query(filters: filters), projectID: "p", dialect: .sqlite)
        #expect(sqlite.bindings.contains(.text(#"*x' OR '1'='1"; DROP TABLE traces; -- 100%_\*"#)),
                "SQLite matches with GLOB: % and _ are plain characters")
        let postgres = try MetricsSQL(query: Self.query(filters: filters), projectID: "p", dialect: .postgres)
        #expect(postgres.bindings.contains(.text(#"%x' OR '1'='1"; DROP TABLE traces; -- 100\%\_\\%"#)),
                "PostgreSQL LIKE patterns escape %, _ and the backslash")
    }

    @Test func globWildcardsAreEscaped() throws {
        let filter = MetricsFilter(column: "name", condition: .text(.startsWith, "a*b?[c]"))
        let statement = try MetricsSQL(query: Self.query(filters: [filter]), projectID: "p", dialect: .sqlite)
        #expect(statement.bindings.contains(.text("a[*]b[?][[]c]*")))
        #expect(statement.sql.contains("o.name GLOB ?"))
    }

    @Test func placeholdersMatchBindings() throws {
        let query = Self.query(
            dimensions: ["name", "tags"],
            metrics: [.init(measure: "latency", aggregation: .histogram), .init(measure: "totalCost", aggregation: .sum),
                      .init(measure: "latency", aggregation: .p95)],
            filters: [MetricsFilter(column: "environment", condition: .options(.noneOf, ["dev", "test"])),
                      MetricsFilter(column: "metadata", key: "k", condition: .number(.lessOrEqual, 3)),
                      MetricsFilter(column: "startTime", condition: .date(.greater, Self.from))],
            granularity: .day, orderBy: [.init(field: "sum_totalCost", descending: true)])
        let postgres = try MetricsSQL(query: query, projectID: "p", dialect: .postgres)
        let numbers = Self.placeholders(in: postgres.sql)
        #expect(Set(numbers) == Set(1 ... postgres.bindings.count), "every binding has a placeholder")
        #expect(numbers.filter { $0 != 7 } == Array(1 ... postgres.bindings.count).filter { $0 != 7 },
                "numbered in order; only the metadata key is used twice")
        #expect(postgres.bindings.first == .integer(7), "the histogram's bin count is the first placeholder")
        #expect(postgres.sql.contains("$1::integer") && postgres.sql.contains("$2::text") && postgres.sql.contains("$3::double precision"))
        #expect(postgres.sql.contains("percentile_cont(0.95) WITHIN GROUP (ORDER BY r.m0)"))
        #expect(postgres.sql.contains("lantern_histogram(array_agg(r.m0), $1::integer)"))
        let sqlite = try MetricsSQL(query: query, projectID: "p", dialect: .sqlite)
        #expect(sqlite.sql.filter { $0 == "?" }.count == sqlite.bindings.count)
        #expect(sqlite.bindings == postgres.bindings, "the same values in the same order")
        #expect(sqlite.sql.contains("lantern_percentile(r.m0, 0.95)") && sqlite.sql.contains("lantern_histogram(r.m0, ?)"))
        #expect(sqlite.sql.contains("LEFT JOIN traces t ON t.project_id = o.project_id AND t.id = o.trace_id"))
        #expect(sqlite.sql.hasSuffix("GROUP BY r.d0, r.d1, r.tb "
            + "ORDER BY 5 DESC NULLS LAST, 1 ASC NULLS LAST, 2 ASC NULLS LAST, 3 ASC NULLS LAST LIMIT ?"),
                "the sort key, then every group column ascending")
    }

    @Test func columnsDescribeDimensionsTimeAndMetrics() throws {
        let query = Self.query(
            dimensions: ["name", "tags", "isRootObservation", "promptVersion"],
            metrics: [.init(measure: "latency", aggregation: .p50), .init(measure: "latency", aggregation: .histogram),
                      .init(measure: "count", aggregation: .count)],
            granularity: .week)
        let expected = [
            MetricsSQLColumn(name: "name", kind: .text), MetricsSQLColumn(name: "tags", kind: .jsonText),
            MetricsSQLColumn(name: "isRootObservation", kind: .boolean), MetricsSQLColumn(name: "promptVersion", kind: .number),
            MetricsSQLColumn(name: "time_dimension", kind: .text), MetricsSQLColumn(name: "p50_latency", kind: .number),
            MetricsSQLColumn(name: "histogram_latency", kind: .histogram), MetricsSQLColumn(name: "count_count", kind: .number),
        ]
        for dialect in [MetricsSQLDialect.sqlite, .postgres] {
            let statement = try MetricsSQL(query: query, projectID: "p", dialect: dialect)
            #expect(statement.columns == expected)
            #expect(statement.sql.contains(#"AS "histogram_latency""#) && statement.sql.contains(#"AS "time_dimension""#))
        }
        let postgres = try MetricsSQL(query: query, projectID: "p", dialect: .postgres)
        #expect(postgres.sql.contains(#"CAST(r.d0 AS text) COLLATE "C" AS "name""#))
        #expect(postgres.sql.contains(#"CAST(r.d2 AS boolean) AS "isRootObservation""#))
        #expect(postgres.sql.contains(#"CAST(COUNT(r.m1) AS double precision) AS "count_count""#), "count shares no column with latency")
        #expect(postgres.sql.contains("date_trunc('week'"))
    }

    @Test func everyCatalogFieldAndMeasureHasSQL() throws {
        for view in MetricsQuery.View.allCases {
            let fields = MetricsCatalog.fields(of: view)
            for field in fields where field.kind != .time {
                for dialect in [MetricsSQLDialect.sqlite, .postgres] {
                    let query = Self.query(view, dimensions: [field.name],
                                           filters: [MetricsFilter(column: field.name, condition: .isNull(false))])
                    #expect(throws: Never.self, "\(view.rawValue).\(field.name)") {
                        try MetricsSQL(query: query, projectID: "p", dialect: dialect)
                    }
                }
            }
            let metrics = MetricsCatalog.measures(of: view).flatMap { measure in
                MetricsQuery.Aggregation.allCases.map { MetricsQuery.Metric(measure: measure, aggregation: $0) }
            }
            let statement = try MetricsSQL(query: Self.query(view, metrics: metrics), projectID: "p", dialect: .postgres)
            #expect(statement.columns.map(\.name) == metrics.map(\.alias), "\(view.rawValue): every measure, every aggregation")
        }
    }

    @Test func scoreViewsSelectTheirDataTypes() throws {
        let numeric = try MetricsSQL(query: Self.query(.scoresNumeric, dimensions: ["observationName"]), projectID: "p", dialect: .sqlite)
        #expect(numeric.sql.contains("s.data_type IN ('NUMERIC', 'BOOLEAN')"))
        #expect(numeric.sql.contains("LEFT JOIN observations o ON o.project_id = s.project_id AND o.id = s.observation_id"))
        #expect(!numeric.sql.contains("LEFT JOIN traces"), "only the joins a query needs")
        let categorical = try MetricsSQL(query: Self.query(.scoresCategorical), projectID: "p", dialect: .postgres)
        #expect(categorical.sql.contains("s.data_type IN ('CATEGORICAL', 'TEXT')"))
    }

    @Test func invalidQueriesThrowInsteadOfWritingSQL() {
        func failure(_ query: MetricsQuery) -> MetricsSQLError? {
            do {
                _ = try MetricsSQL(query: query, projectID: "p", dialect: .sqlite)
                return nil
            } catch { return error }
        }
        #expect(failure(Self.query(dimensions: ["nope"])) == .unknownField("nope"))
        #expect(failure(Self.query(dimensions: ["startTime"])) == .unsupportedDimension("startTime"))
        #expect(failure(Self.query(metrics: [.init(measure: "value", aggregation: .sum)])) == .unknownMeasure("value"))
        #expect(failure(Self.query(filters: [MetricsFilter(column: "metadata", condition: .isNull(true))])) == .missingMetadataKey)
        #expect(failure(Self.query(filters: [MetricsFilter(column: "name", condition: .options(.allOf, ["a"]))]))
                == .unsupportedFilter("name"))
        #expect(failure(Self.query(orderBy: [.init(field: "sum_latency", descending: true)])) == .unknownOrderField("sum_latency"))
    }

    @Test func rowsReadTypedAndTextCells() throws {
        let query = Self.query(dimensions: ["tags", "isRootObservation"],
                               metrics: [.init(measure: "latency", aggregation: .avg), .init(measure: "latency", aggregation: .histogram)],
                               granularity: .day)
        let statement = try MetricsSQL(query: query, projectID: "p", dialect: .postgres)
        let histogram: JSONValue = [[1, 2.5, 3], [2.5, 4, 1]]
        let expected: MetricsRow = ["tags": #"["a","b"]"#, "isRootObservation": true, "time_dimension": "2025-01-06T00:00:00Z",
                                    "avg_latency": 1.5, "histogram_latency": histogram]
        let text = statement.row(from: [.text(#"["a", "b"]"#), .text("t"), .text("2025-01-06T00:00:00Z"), .text("1.5"),
                                        .text("[[1,2.5,3],[2.5,4,1]]")])
        #expect(text == expected, "PostgreSQL text cells")
        let typed = statement.row(from: [.text(#"["a","b"]"#), .integer(1), .text("2025-01-06T00:00:00Z"), .real(1.5),
                                         .text("[[1.0,2.5,3],[2.5,4.0,1]]")])
        #expect(typed == expected, "SQLite typed cells")
        let empty = statement.row(from: [.null, .null])
        #expect(empty == ["tags": nil, "isRootObservation": nil, "time_dimension": nil, "avg_latency": nil, "histogram_latency": nil],
                "NULL and missing cells read as null")
    }
}
