import Foundation

/// A row that could not be turned into a model: the column and why.
struct RowDecodingError: Error, CustomStringConvertible {
    let column: String
    let reason: String

    var description: String { "column \(column) \(reason)" }
}

/// Reads a row's columns left to right (in the order of the SELECT list); errors name the column.
struct ColumnReader {
    private let row: SQLiteRow
    private var column: Int32 = 0

    /// Starts at the first column of `row`.
    init(_ row: SQLiteRow) { self.row = row }

    /// The next column as text, or nil when NULL.
    mutating func optionalText() -> String? { advance { $0.text($1) } }
    /// The next column as text; NULL is an error.
    mutating func text() throws -> String { try required(optionalText()) }

    /// The next column as a double, or nil when NULL.
    mutating func optionalDouble() -> Double? { advance { $0.double($1) } }

    /// The next column as an `Int`, or nil when NULL.
    mutating func optionalInt() -> Int? { advance { $0.integer($1) }.map { Int(truncatingIfNeeded: $0) } }
    /// The next column as an `Int`; NULL is an error.
    mutating func int() throws -> Int { try required(optionalInt()) }

    /// The next column as a boolean (non-zero is true); NULL is an error.
    mutating func bool() throws -> Bool { try required(advance { $0.integer($1) }) != 0 }

    /// The next column as a date (see ``SQLValue/date(_:)``), or nil when NULL.
    mutating func optionalDate() -> Date? { optionalDouble().map(Date.init(storedSeconds:)) }
    /// The next column as a date; NULL is an error.
    mutating func date() throws -> Date { try required(optionalDate()) }

    /// The next column decoded from JSON text, or nil when NULL.
    mutating func optionalJSON<T: Decodable>(_ type: T.Type, _ json: JSONColumns) throws -> T? {
        guard let text = optionalText() else { return nil }
        do { return try json.decode(type, from: text) } catch {
            throw RowDecodingError(column: row.name(column - 1), reason: "is not valid JSON for \(type): \(error)")
        }
    }
    /// The next column decoded from JSON text; NULL is an error.
    mutating func json<T: Decodable>(_ type: T.Type, _ json: JSONColumns) throws -> T {
        try required(optionalJSON(type, json))
    }

    private mutating func advance<T>(_ read: (SQLiteRow, Int32) -> T?) -> T? {
        defer { column += 1 }
        return read(row, column)
    }

    /// Unwraps the column just read.
    private func required<T>(_ value: T?) throws -> T {
        guard let value else { throw RowDecodingError(column: row.name(column - 1), reason: "is NULL") }
        return value
    }
}
