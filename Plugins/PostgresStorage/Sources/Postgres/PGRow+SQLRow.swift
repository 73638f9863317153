import SQLStorageKit

/// A PostgreSQL text-format row for the shared SQL layer: every cell is text, parsed on reading.
extension PGRow: SQLRow {
    func name(at column: Int) -> String { name(column) }
    func isNull(at column: Int) -> Bool { result.isNull(index, column) }
    func text(at column: Int) -> String? { text(column) }
    func double(at column: Int) -> Double? { double(column) }
    func integer(at column: Int) -> Int64? { text(column).flatMap { Int64($0) } }
    /// PostgreSQL's text output of a boolean: `t` or `f`.
    func bool(at column: Int) -> Bool? { text(column).flatMap { ["t": true, "f": false][$0] } }
    func cell(at column: Int) -> SQLValue { text(column).map(SQLValue.text) ?? .null }
}
