import Foundation

/// A row that could not be turned into a model: the column and why.
struct RowDecodingError: Error, CustomStringConvertible {
    let column: String
    let reason: String

    var description: String { "column \(column) \(reason)" }
}

/// Reads a row's columns left to right (in the order of the SELECT list); errors name the column.
struct ColumnReader {
    private let row: PGRow
    private var column = 0

    /// Starts at the first column of `row`.
    init(_ row: PGRow) { self.row = row }

    /// The next column as text, or nil when NULL.
    mutating func optionalText() -> String? { advance { $0.text($1) } }
    /// The next column as text; NULL is an error.
    mutating func text() throws -> String { try required(optionalText()) }

    /// The next column as a double, or nil when NULL.
    mutating func optionalDouble() throws -> Double? { try parsed(optionalText(), as: "a number", Double.init) }

    /// The next column as an `Int`, or nil when NULL.
    mutating func optionalInt() throws -> Int? { try parsed(optionalText(), as: "an integer") { Int($0) } }
    /// The next column as an `Int`; NULL is an error.
    mutating func int() throws -> Int { try required(optionalInt()) }

    /// The next column as a boolean; NULL is an error.
    mutating func bool() throws -> Bool { try required(parsed(optionalText(), as: "a boolean") { ["t": true, "f": false][$0] }) }

    /// The next column as a date (see ``PGValue/date(_:)``), or nil when NULL.
    mutating func optionalDate() throws -> Date? { try optionalDouble().map(Date.init(storedSeconds:)) }
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

    private mutating func advance<T>(_ read: (PGRow, Int) -> T?) -> T? {
        defer { column += 1 }
        return read(row, column)
    }

    /// The text just read converted with `parse`; text it rejects is an error.
    private func parsed<T>(_ text: String?, as kind: String, _ parse: (String) -> T?) throws -> T? {
        guard let text else { return nil }
        guard let value = parse(text) else {
            throw RowDecodingError(column: row.name(column - 1), reason: "is not \(kind) (got \(text.prefix(40)))")
        }
        return value
    }

    /// Unwraps the column just read.
    private func required<T>(_ value: T?) throws -> T {
        guard let value else { throw RowDecodingError(column: row.name(column - 1), reason: "is NULL") }
        return value
    }
}
