import CSQLite
import SQLStorageKit

/// Tells SQLite to copy bound text before `sqlite3_bind_*` returns (the C macro `SQLITE_TRANSIENT`).
var sqliteTransient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

/// A prepared statement of one connection; finalized when the last reference goes away.
///
/// Not thread-safe: used only on its connection's ``ConnectionWorker`` queue.
final class SQLiteStatement {
    private let handle: OpaquePointer

    /// Wraps a statement returned by `sqlite3_prepare_v3`.
    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { sqlite3_finalize(handle) }

    /// Ends any previous run and binds `values` to the parameters, in order.
    func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(message: "statement expects \(expected) parameters but got \(values.count)")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(truncatingIfNeeded: offset + 1)
            let result: Int32
            switch value {
            case .null: result = sqlite3_bind_null(handle, index)
            case .integer(let number): result = sqlite3_bind_int64(handle, index, number)
            case .real(let number): result = sqlite3_bind_double(handle, index, number)
            case .text(let text): result = bindText(text, at: index)
            case .blob(let bytes): result = bindBlob(bytes, at: index)
            }
            guard result == SQLITE_OK else { throw SQLiteError(code: result, connection: sqlite3_db_handle(handle)) }
        }
    }

    /// Advances the statement: true when a row is ready, false when it has finished.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let result: throw SQLiteError(code: result, connection: sqlite3_db_handle(handle))
        }
    }

    /// Ends the current run so the statement holds no lock or read snapshot.
    func reset() { sqlite3_reset(handle) }

    /// The current row; valid until the next ``step()`` or ``reset()``.
    var row: SQLiteRow { SQLiteRow(handle: handle) }

    /// Binds text by its UTF-8 bytes and length, so embedded NUL characters survive.
    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // A nil pointer would bind NULL, so the empty string gets a static one.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            return sqlite3_bind_text64(handle, index, characters, sqlite3_uint64(bytes.count), sqliteTransient, UInt8(SQLITE_UTF8))
        }
    }

    /// Binds bytes; an empty array binds a zero-length blob, not NULL.
    private func bindBlob(_ bytes: [UInt8], at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(buffer.count), sqliteTransient)
        }
    }
}

/// The current row of a statement, read by 0-based column index.
struct SQLiteRow {
    fileprivate let handle: OpaquePointer

    /// The column's name, for messages.
    func name(_ column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "column \(column)"
    }

    /// The column's storage class: `SQLITE_INTEGER`, `SQLITE_FLOAT`, `SQLITE_TEXT`, `SQLITE_BLOB` or `SQLITE_NULL`.
    func storageClass(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }

    /// Whether the column is NULL.
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as text, or nil when NULL.
    func text(_ column: Int32) -> String? {
        guard !isNull(column), let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as a double, or nil when NULL.
    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    /// The column as bytes, or nil when NULL.
    func blob(_ column: Int32) -> [UInt8]? {
        guard !isNull(column) else { return nil }
        let bytes = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let bytes, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column as an integer, or nil when NULL.
    func integer(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }
}
