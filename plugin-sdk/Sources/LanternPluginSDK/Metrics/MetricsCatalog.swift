/// The fields and measures of each metrics view: what a query may name, what storage must answer.
///
/// Names follow Langfuse's metrics API. Measures on observations sum usage and cost keys: `inputTokens` is the
/// sum of the usage entries whose key contains `input`, `outputTokens` of those containing `output`,
/// `totalTokens` the `total` entry (costs alike); latencies are in milliseconds.
public enum MetricsCatalog {
    /// How a field's values are compared in filters.
    public enum FieldKind: Sendable, Hashable {
        /// Text: text operators and options.
        case text
        /// A number: comparisons.
        case number
        /// A list of strings (tags): options with any/none/all of.
        case array
        /// true or false.
        case boolean
        /// A point in time: comparisons.
        case time
    }

    /// One groupable, filterable field of a view.
    public struct Field: Sendable, Hashable {
        public let name: String
        public let kind: FieldKind
        /// Too many distinct values to group by in the v2 API (still filterable).
        public let highCardinality: Bool

        init(_ name: String, _ kind: FieldKind = .text, highCardinality: Bool = false) {
            self.name = name
            self.kind = kind
            self.highCardinality = highCardinality
        }
    }

    /// The dimensions (and filter columns) of a view.
    public static func fields(of view: MetricsQuery.View) -> [Field] {
        switch view {
        case .traces: traceFields
        case .observations: observationFields
        case .scoresNumeric: scoreFields + [Field("value", .number)]
        case .scoresBoolean: scoreFields + [Field("value", .number), Field("booleanValue", .boolean)]
        case .scoresCategorical: scoreFields + [Field("stringValue")]
        }
    }

    /// The measures of a view.
    public static func measures(of view: MetricsQuery.View) -> [String] {
        switch view {
        // `timestamp` (Lantern's addition: milliseconds since 1970; `min`/`max` give first and last seen).
        case .traces: ["count", "latency", "observationsCount", "scoresCount", "totalTokens", "totalCost", "uniqueUserIds", "timestamp"]
        case .observations:
            ["count", "latency", "streamingLatency", "inputTokens", "outputTokens", "totalTokens", "outputTokensPerSecond",
             "tokensPerSecond", "inputCost", "outputCost", "totalCost", "timeToFirstToken", "countScores", "uniqueTraceIds"]
        case .scoresNumeric, .scoresBoolean: ["count", "value"]
        case .scoresCategorical: ["count"]
        }
    }

    /// The column that `fromTimestamp`/`toTimestamp` and the time dimension apply to.
    public static func timeField(of view: MetricsQuery.View) -> String {
        switch view {
        case .traces: "timestamp"
        case .observations: "startTime"
        case .scoresNumeric, .scoresBoolean, .scoresCategorical: "timestamp"
        }
    }

    static let traceFields = [
        Field("id", highCardinality: true), Field("name"), Field("tags", .array), Field("userId", highCardinality: true),
        Field("sessionId", highCardinality: true), Field("release"), Field("version"), Field("environment"),
        Field("timestampMonth"), Field("timestamp", .time),
    ]

    static let observationFields = [
        Field("id", highCardinality: true), Field("traceId", highCardinality: true), Field("traceName"), Field("environment"),
        Field("parentObservationId", highCardinality: true), Field("type"), Field("name"), Field("level"), Field("version"),
        Field("tags", .array), Field("release"), Field("traceRelease"), Field("traceVersion"), Field("providedModelName"),
        Field("promptName"), Field("promptVersion", .number), Field("userId", highCardinality: true),
        Field("sessionId", highCardinality: true), Field("isRootObservation", .boolean), Field("startTimeMonth"),
        Field("startTime", .time),
    ]

    static let scoreFields = [
        Field("id", highCardinality: true), Field("environment"), Field("name"), Field("source"), Field("dataType"),
        Field("configId"), Field("timestampMonth"), Field("timestampDay"), Field("traceId", highCardinality: true),
        Field("observationId", highCardinality: true), Field("userId", highCardinality: true),
        Field("sessionId", highCardinality: true), Field("traceName"), Field("tags", .array), Field("traceRelease"),
        Field("traceVersion"), Field("observationName"), Field("observationModelName"), Field("observationPromptName"),
        Field("observationPromptVersion", .number), Field("timestamp", .time),
    ]
}
