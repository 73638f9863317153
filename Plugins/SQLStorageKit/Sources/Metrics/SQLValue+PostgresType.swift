extension SQLValue {
    /// The PostgreSQL type a ``MetricsSQL`` parameter holding this value is cast to.
    var postgresType: String {
        switch self {
        case .null, .text: "text"
        case .integer: "integer"
        case .real: "double precision"
        case .blob: "bytea"
        }
    }
}
