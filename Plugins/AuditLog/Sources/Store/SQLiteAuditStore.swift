import CSQLite
import Foundation
import LanternPluginSDK

/// The log in its own SQLite file (WAL, `synchronous=FULL`: a record is on disk when `append` returns). One
/// connection, used from ``SerialDatabase``'s one thread.
final class SQLiteAuditStore: AuditStore, @unchecked Sendable {
    private let path: String
    private var handle: OpaquePointer?

    init(path: String) { self.path = path }

    deinit { sqlite3_close_v2(handle) }

    func prepare() throws {
        try open()
        try execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS \(AuditColumns.table) (
                sequence INTEGER PRIMARY KEY, occurred_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL, organization_id TEXT, project_id TEXT, request_id TEXT, client_address TEXT, user_agent TEXT,
                before_json TEXT, after_json TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS lantern_audit_by_time ON \(AuditColumns.table) (occurred_at);
            """)
    }

    func append(_ event: AuditEvent) throws -> AuditRecord {
        try open()
        try execute("BEGIN IMMEDIATE")
        do {
            let last = try rows("SELECT sequence, hash FROM \(AuditColumns.table) ORDER BY sequence DESC LIMIT 1", []).first
            let record = AuditChain.record(event, sequence: (last?[0].flatMap { Int($0) } ?? 0) + 1,
                                           previousHash: last?[1] ?? AuditChain.genesis)
            try insert(record)
            try execute("COMMIT")
            return record
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func checkWritable() throws {
        try open()
        try execute("BEGIN IMMEDIATE")
        try execute("ROLLBACK")
    }

    private func open() throws {
        guard handle == nil else { return }
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "status \(status)"
            sqlite3_close_v2(opened)
            throw AuditStoreError("the audit log file \(path) cannot be opened: \(message)")
        }
        sqlite3_busy_timeout(opened, 5000)
        handle = opened
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    func rows(_ sql: String, _ values: [String?]) throws -> [[String?]] {
        try open()
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure(sql) }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in values.enumerated() {
            let status = value.map { sqlite3_bind_text(statement, Int32(index + 1), $0, -1, transient) } ?? sqlite3_bind_null(statement, Int32(index + 1))
            guard status == SQLITE_OK else { throw failure(sql) }
        }
        var rows: [[String?]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return rows }
            guard step == SQLITE_ROW else { throw failure(sql) }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                sqlite3_column_text(statement, column).map { String(cString: $0) }
            })
        }
    }

    private func failure(_ sql: String) -> AuditStoreError {
        AuditStoreError("audit log \(path): \(handle.map { String(cString: sqlite3_errmsg($0)) } ?? "not open") (\(sql.prefix(40))…)")
    }
}

/// Why the audit log could not be read or written.
struct AuditStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
