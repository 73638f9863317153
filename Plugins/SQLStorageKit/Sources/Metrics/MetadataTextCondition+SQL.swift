import LanternPluginSDK

extension MetadataTextCondition {
    /// The condition on the JSON object column `column` for a `WHERE` clause, with one `?` per value of `values`, in
    /// order: case-sensitive in both dialects (SQLite `GLOB`, PostgreSQL `LIKE`, wildcards in the value escaped). The
    /// key and the value are bound, never written into the SQL.
    package func sql(column: String, dialect: MetricsSQLDialect) -> (sql: String, values: [String]) {
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
        // An operator of a newer SDK matches nothing rather than something it was not meant to.
        @unknown default: return ("1 = 0", [])
        }
    }
}
