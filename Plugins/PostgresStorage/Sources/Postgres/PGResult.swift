import CLibPQ

/// The rows of one successful command, read by 0-based row and column; cleared when released.
///
/// Columns come in text format (or binary when the query asked for it); indexes out of range read as NULL.
final class PGResult {
    private let handle: OpaquePointer

    /// Takes ownership of a result returned by libpq.
    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    /// Rows returned.
    var rowCount: Int { Int(PQntuples(handle)) }

    /// Columns per row.
    var columnCount: Int { Int(PQnfields(handle)) }

    /// Rows the command inserted, updated or deleted (0 for other commands).
    var affectedRows: Int {
        guard let text = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The command tag (`COMMIT`, `INSERT 0 1`, …).
    var commandStatus: String { PQcmdStatus(handle).map { String(cString: $0) } ?? "" }

    /// The column's name, for messages.
    func name(_ column: Int) -> String {
        guard contains(column: column), let name = PQfname(handle, Int32(column)) else { return "column \(column)" }
        return String(cString: name)
    }

    /// Whether the value is NULL (or out of range).
    func isNull(_ row: Int, _ column: Int) -> Bool {
        guard contains(row: row), contains(column: column) else { return true }
        return PQgetisnull(handle, Int32(row), Int32(column)) != 0
    }

    /// The value as text, or nil when NULL.
    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column), let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        let count = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: max(count, 1)) { bytes in
            String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// The value's raw bytes (a binary-format `bytea`), or nil when NULL.
    func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
        guard !isNull(row, column), let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        let count = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return Array(UnsafeRawBufferPointer(start: value, count: count))
    }

    private func contains(row: Int) -> Bool { row >= 0 && row < rowCount }
    private func contains(column: Int) -> Bool { column >= 0 && column < columnCount }
}

/// One row of a result.
struct PGRow {
    let result: PGResult
    let index: Int

    /// The column's name, for messages.
    func name(_ column: Int) -> String { result.name(column) }
    /// The column as text, or nil when NULL.
    func text(_ column: Int) -> String? { result.text(index, column) }
    /// The column as a double, or nil when NULL or not a number.
    func double(_ column: Int) -> Double? { text(column).flatMap(Double.init) }
    /// The column as an integer, or nil when NULL or not an integer.
    func integer(_ column: Int) -> Int? { text(column).flatMap { Int($0) } }
    /// The column's raw bytes (binary results only), or nil when NULL.
    func bytes(_ column: Int) -> [UInt8]? { result.bytes(index, column) }
}
