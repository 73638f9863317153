import LanternPluginSDK

/// The values bound to a statement, collected while its text is written front to back.
///
/// ``bind(_:)`` must be called in the order the placeholders appear in the text: SQLite numbers `?` by
/// position, and PostgreSQL's `$n` follow the same order.
struct MetricsSQLParameters {
    let dialect: MetricsSQLDialect
    /// The bound values, in placeholder order.
    private(set) var values: [SQLValue] = []

    init(dialect: MetricsSQLDialect) {
        self.dialect = dialect
    }

    /// Binds `value` and returns its placeholder: `?` in SQLite, `$n::type` in PostgreSQL.
    mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        switch dialect {
        case .sqlite: return "?"
        case .postgres: return "$\(values.count)::\(value.postgresType)"
        }
    }

    /// Binds each text in order and returns the placeholders separated by commas.
    mutating func bindList(_ texts: [String]) -> String {
        texts.map { bind(.text($0)) }.joined(separator: ", ")
    }
}
