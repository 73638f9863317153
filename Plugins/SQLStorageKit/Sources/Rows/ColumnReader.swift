import Foundation

/// A row that could not be turned into a model: the column and why.
package struct RowDecodingError: Error, CustomStringConvertible {
    /// The column's name.
    package let column: String
    /// What is wrong with its value.
    package let reason: String

    /// `column <name> <reason>`.
    package var description: String { "column \(column) \(reason)" }
}

/// Reads a row's columns left to right (in the order of the SELECT list); errors name the column.
package struct ColumnReader {
    private let row: any SQLRow
    private var column = 0

    /// Starts at the first column of `row`.
    package init(_ row: any SQLRow) { self.row = row }

    /// The next column as text, or nil when NULL.
    package mutating func optionalText() -> String? { advance { $0.text(at: $1) } }
    /// The next column as text; NULL is an error.
    package mutating func text() throws -> String { try required(optionalText()) }

    /// The next column as a double, or nil when NULL.
    package mutating func optionalDouble() throws -> Double? { try parsed("a number") { $0.double(at: $1) } }

    /// The next column as an `Int`, or nil when NULL.
    package mutating func optionalInt() throws -> Int? {
        try parsed("an integer") { $0.integer(at: $1) }.map { Int(truncatingIfNeeded: $0) }
    }
    /// The next column as an `Int`; NULL is an error.
    package mutating func int() throws -> Int { try required(optionalInt()) }

    /// The next column as a boolean; NULL is an error.
    package mutating func bool() throws -> Bool { try required(parsed("a boolean") { $0.bool(at: $1) }) }

    /// The next column as a date (see ``SQLValue/date(_:)``), or nil when NULL.
    package mutating func optionalDate() throws -> Date? { try optionalDouble().map(Date.init(storedSeconds:)) }
    /// The next column as a date; NULL is an error.
    package mutating func date() throws -> Date { try required(optionalDate()) }

    /// The next column decoded from JSON text, or nil when NULL.
    package mutating func optionalJSON<T: Decodable>(_ type: T.Type, _ json: JSONColumns) throws -> T? {
        guard let text = optionalText() else { return nil }
        do { return try json.decode(type, from: text) } catch {
            throw RowDecodingError(column: row.name(at: column - 1), reason: "is not valid JSON for \(type): \(error)")
        }
    }
    /// The next column decoded from JSON text; NULL is an error.
    package mutating func json<T: Decodable>(_ type: T.Type, _ json: JSONColumns) throws -> T {
        try required(optionalJSON(type, json))
    }

    private mutating func advance<T>(_ read: (any SQLRow, Int) -> T?) -> T? {
        defer { column += 1 }
        return read(row, column)
    }

    /// The next column read with `read`, nil when NULL; a value `read` rejects is an error.
    private mutating func parsed<T>(_ kind: String, _ read: (any SQLRow, Int) -> T?) throws -> T? {
        defer { column += 1 }
        guard !row.isNull(at: column) else { return nil }
        guard let value = read(row, column) else {
            let text = row.text(at: column) ?? ""
            throw RowDecodingError(column: row.name(at: column), reason: "is not \(kind) (got \(text.prefix(40)))")
        }
        return value
    }

    /// Unwraps the column just read.
    private func required<T>(_ value: T?) throws -> T {
        guard let value else { throw RowDecodingError(column: row.name(at: column - 1), reason: "is NULL") }
        return value
    }
}
