import CSQLite
import SQLStorageKit

/// One SQLite connection with its prepared-statement cache (keyed by SQL text).
///
/// Not thread-safe: a ``ConnectionWorker`` confines each connection to one serial queue. Connections are
/// opened with `SQLITE_OPEN_NOMUTEX` because that confinement already serialises every call.
final class SQLiteConnection {
    /// How a transaction takes its locks.
    enum TransactionMode: String {
        /// Takes a read snapshot at the first read (`BEGIN`).
        case deferred = "BEGIN"
        /// Takes the write lock at once (`BEGIN IMMEDIATE`), waiting up to the busy timeout.
        case immediate = "BEGIN IMMEDIATE"
    }

    /// Past this many cached statements the cache starts over (queries built from filters vary).
    private static let statementCacheLimit = 256

    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    /// The deadline reads run under (see ``withDeadline(milliseconds:_:)``).
    private let deadline = StatementDeadline()

    /// Opens the database at `path` with `sqlite3_open_v2` flags; `busyTimeoutMs` bounds waits for locks.
    init(path: String, flags: Int32, busyTimeoutMs: Int32) throws {
        var opened: OpaquePointer?
        let result = sqlite3_open_v2(path, &opened, flags, nil)
        guard result == SQLITE_OK, let opened else {
            let error = SQLiteError(code: result, connection: opened)
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMs)
        deadline.install(on: opened)
        guard MetricsAggregates.register(on: opened) else {
            let error = SQLiteError(code: sqlite3_errcode(opened), connection: opened)
            sqlite3_close_v2(opened)
            handle = nil
            throw error
        }
    }

    deinit { close() }

    /// Runs `body` with every statement interrupted (`SQLITE_INTERRUPT`) once `milliseconds` have passed; 0 runs it
    /// without a deadline.
    func withDeadline<T>(milliseconds: Int, _ body: () throws -> T) rethrows -> T {
        try deadline.armed(milliseconds: milliseconds, body)
    }

    /// Whether the main database was opened read-only (asked for, or because the file is not writable).
    var isReadOnly: Bool {
        guard let handle else { return true }
        return sqlite3_db_readonly(handle, "main") != 0
    }

    /// Runs a script of statements without parameters or results (migrations, pragmas).
    func execute(_ script: String) throws {
        let handle = try openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, script, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard result == SQLITE_OK else {
            throw message.map { SQLiteError(code: result, message: String(cString: $0)) } ?? SQLiteError(code: result, connection: handle)
        }
    }

    /// Runs a statement without results; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite3_changes(try openHandle()))
    }

    /// Runs one statement without results once for each list of values, looking the statement up once: the cache is
    /// keyed by SQL text, and a lookup per row hashed and compared a whole upsert, over a kilobyte, for every row.
    func run(_ sql: String, forEach rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let statement = try prepared(sql)
        defer { statement.reset() }
        for values in rows {
            try statement.bind(values)
            while try statement.step() {}
        }
    }

    /// Runs a query and maps each row; rows mapped to nil are left out.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (SQLiteRow) throws -> T?) throws -> [T] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var results: [T] = []
        while try statement.step() {
            if let value = try map(statement.row) { results.append(value) }
        }
        return results
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it (or the commit) throws.
    func transaction<T>(_ mode: TransactionMode, _ body: () throws -> T) throws -> T {
        try run(mode.rawValue)
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            if let handle, sqlite3_get_autocommit(handle) == 0 { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    /// Finalizes the cached statements and closes the connection; idempotent.
    ///
    /// `sqlite3_close_v2` defers the close until a statement still referenced elsewhere is finalized.
    func close() {
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs `body` with the raw connection handle, for SQLite APIs this type does not wrap (the online backup).
    func withRawHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try body(try openHandle())
    }

    /// The cached statement for `sql`, prepared on first use.
    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let handle = try openHandle()
        var prepared: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard result == SQLITE_OK, let prepared else { throw SQLiteError(code: result, connection: handle) }
        if statements.count >= Self.statementCacheLimit { statements.removeAll() }
        let statement = SQLiteStatement(prepared)
        statements[sql] = statement
        return statement
    }

    private func openHandle() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError(message: "the connection is closed") }
        return handle
    }
}
