import LanternPluginSDK

/// The SQL dialect a ``MetricsSQL`` statement is written in.
package enum MetricsSQLDialect: Sendable, Hashable {
    /// SQLite: `?` placeholders; percentiles and histograms through the `lantern_percentile` and
    /// `lantern_histogram` aggregate functions the SQLite storage registers on each connection.
    case sqlite
    /// PostgreSQL: `$1, $2, …` placeholders, each cast to its type so text-format parameters need no type
    /// OIDs; every result column cast to `text`, `double precision` or `boolean` so a text-format reader
    /// decodes it without OIDs; histograms through the `lantern_histogram` function of the storage's schema.
    case postgres
}

extension MetricsSQLDialect {
    /// `value` cast to `type` in PostgreSQL; unchanged in SQLite, whose values carry their own types.
    func cast(_ value: String, to type: String) -> String {
        switch self {
        case .sqlite: value
        case .postgres: "CAST(\(value) AS \(type))"
        }
    }

    /// A result column of `kind`, as written in the outer `SELECT` list.
    func output(_ value: String, as kind: MetricsSQLColumn.Kind) -> String {
        switch kind {
        case .text, .jsonText, .histogram: self == .postgres ? "\(cast(value, to: "text")) COLLATE \"C\"" : value
        case .number: cast(value, to: "double precision")
        case .boolean: cast(value, to: "boolean")
        }
    }

    /// A boolean literal that compares with this dialect's boolean expressions.
    func literal(_ flag: Bool) -> String {
        switch self {
        case .sqlite: flag ? "1" : "0"
        case .postgres: flag ? "TRUE" : "FALSE"
        }
    }
}

/// A quoted SQL identifier (`"sum_totalCost"`), its double quotes doubled.
func quotedIdentifier(_ name: String) -> String {
    "\"" + name.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
}
