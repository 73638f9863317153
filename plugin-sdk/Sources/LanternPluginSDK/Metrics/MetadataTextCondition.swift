/// A text condition on one top-level key of a JSON object column, as SQL for a storage plugin's `WHERE` clause:
/// case-sensitive in both dialects (SQLite `GLOB`, PostgreSQL `LIKE`, wildcards in the value escaped). The key and
/// the value are bound, never written into the SQL; an absent key never matches.
public struct MetadataTextCondition: Sendable, Hashable {
    public var key: String
    public var comparison: MetricsFilter.TextOperator
    public var value: String

    /// Creates a condition.
    public init(key: String, comparison: MetricsFilter.TextOperator, value: String) {
        self.key = key
        self.comparison = comparison
        self.value = value
    }

    /// The condition on the JSON object column `column`, with one `?` per value of `values`, in order.
    public func sql(column: String, dialect: MetricsSQLDialect) -> (sql: String, values: [String]) {
        let text = dialect == .sqlite
            ? "(SELECT CASE meta.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(meta.value AS TEXT) END FROM json_each(\(column)) AS meta WHERE meta.key = ?)"
            : "(\(column) ->> ?)"
        let literal = dialect.escapedPattern(value)
        let any = dialect == .sqlite ? "*" : "%"
        let (matches, negated) = dialect == .sqlite ? ("GLOB", "NOT GLOB") : ("LIKE", "NOT LIKE")
        switch comparison {
        case .equals: return ("\(text) = ?", [key, value])
        case .contains: return ("\(text) \(matches) ?", [key, any + literal + any])
        case .doesNotContain: return ("\(text) \(negated) ?", [key, any + literal + any])
        case .startsWith: return ("\(text) \(matches) ?", [key, literal + any])
        case .endsWith: return ("\(text) \(matches) ?", [key, any + literal])
        }
    }
}
