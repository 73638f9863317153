import CSQLite

/// A failed SQLite call: its (extended) result code and SQLite's message.
struct SQLiteError: Error, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); `SQLITE_MISUSE` for this plugin's own checks.
    let code: Int32
    /// SQLite's explanation.
    let message: String

    /// An error with an explicit message.
    init(code: Int32 = SQLITE_MISUSE, message: String) {
        self.code = code
        self.message = message
    }

    /// The latest error of `connection`, or the generic text of `code` when there is no connection.
    init(code: Int32, connection: OpaquePointer?) {
        self.code = code
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            message = String(cString: text)
        } else {
            message = "SQLite error \(code)"
        }
    }

    /// Whether a constraint (UNIQUE, NOT NULL, …) was violated.
    var isConstraintViolation: Bool { code & 0xFF == SQLITE_CONSTRAINT }

    var description: String { message }
}
