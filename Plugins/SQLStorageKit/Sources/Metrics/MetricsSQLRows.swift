import LanternPluginSDK

extension MetricsSQL {
    /// The ``MetricsRow`` of one result row whose cells are in ``columns`` order (a missing cell reads as NULL).
    ///
    /// Cells may come typed (SQLite) or as text (a PostgreSQL text-format reader): numbers become JSON numbers,
    /// booleans JSON booleans, `tags` the compact JSON text of the list, histograms arrays of
    /// `[lower, upper, count]`; NULL, and any cell that does not read as its kind, becomes JSON null.
    package func row(from cells: [SQLValue]) -> MetricsRow {
        var row: MetricsRow = [:]
        for (index, column) in columns.enumerated() {
            row[column.name] = index < cells.count ? column.kind.json(from: cells[index]) : .null
        }
        return row
    }

    /// The ``MetricsRow``s of result rows whose cells are in ``columns`` order; see ``row(from:)``.
    package func rows(from cells: [[SQLValue]]) -> [MetricsRow] {
        cells.map(row(from:))
    }
}

extension MetricsSQLColumn.Kind {
    /// The JSON value of a cell of this kind.
    func json(from cell: SQLValue) -> JSONValue {
        switch (self, cell) {
        case (_, .null), (_, .blob): return .null
        case (.text, .text(let text)): return .string(text)
        case (.text, .integer(let number)): return .string(String(number))
        case (.text, .real(let number)): return .string("\(number)")
        case (.number, .integer(let number)): return .number(Double(number))
        case (.number, .real(let number)): return .number(number)
        case (.number, .text(let text)): return Double(text).map(JSONValue.number) ?? .null
        case (.boolean, .integer(let number)): return .bool(number != 0)
        case (.boolean, .real(let number)): return .bool(number != 0)
        case (.boolean, .text(let text)): return Self.booleans[text].map(JSONValue.bool) ?? .null
        case (.jsonText, .text(let text)): return .string(JSONValue(parsing: text)?.jsonText ?? text)
        case (.histogram, .text(let text)):
            guard let bins = JSONValue(parsing: text), case .array = bins else { return .null }
            return bins
        case (.jsonText, _), (.histogram, _): return .null
        }
    }

    /// Boolean spellings: PostgreSQL's text output and SQLite's integers written as text.
    private static let booleans = ["t": true, "f": false, "true": true, "false": false, "1": true, "0": false]
}
