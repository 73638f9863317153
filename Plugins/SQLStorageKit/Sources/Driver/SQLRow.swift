/// One result row of a storage's connection, read by 0-based column index through ``ColumnReader``.
///
/// SQLite hands typed cells; PostgreSQL's text-format results hand text that the row parses.
package protocol SQLRow {
    /// The column's name, for messages.
    func name(at column: Int) -> String
    /// Whether the column is NULL.
    func isNull(at column: Int) -> Bool
    /// The column as text, or nil when NULL.
    func text(at column: Int) -> String?
    /// The column as a double; nil when NULL or not a number.
    func double(at column: Int) -> Double?
    /// The column as an integer; nil when NULL or not an integer.
    func integer(at column: Int) -> Int64?
    /// The column as a boolean; nil when NULL or not a boolean.
    func bool(at column: Int) -> Bool?
    /// The column as the database typed it: SQLite's storage class, text for PostgreSQL's text-format results.
    func cell(at column: Int) -> SQLValue
}
