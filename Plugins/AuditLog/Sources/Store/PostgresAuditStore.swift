import CLibPQ
import Foundation
import LanternPluginSDK

/// The log in a PostgreSQL database, by URL (the main database or another). Appends lock the one chain-head row
/// (`SELECT … FOR UPDATE`), so servers sharing the database append one after another and the chain stays linear.
/// One connection, used from ``SerialDatabase``'s one thread, reopened after it is lost.
final class PostgresAuditStore: AuditStore, @unchecked Sendable {
    private let url: String
    private var handle: OpaquePointer?

    init(url: String) { self.url = url }

    deinit { PQfinish(handle) }

    func prepare() throws {
        try execute("""
            CREATE TABLE IF NOT EXISTS \(AuditColumns.table) (
                sequence BIGINT PRIMARY KEY, occurred_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL, organization_id TEXT, project_id TEXT, request_id TEXT, client_address TEXT, user_agent TEXT,
                before_json TEXT, after_json TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS lantern_audit_by_time ON \(AuditColumns.table) (occurred_at);
            CREATE TABLE IF NOT EXISTS \(AuditColumns.head) (id INTEGER PRIMARY KEY, sequence BIGINT NOT NULL, hash TEXT NOT NULL);
            INSERT INTO \(AuditColumns.head) (id, sequence, hash) VALUES (1, 0, '\(AuditChain.genesis)') ON CONFLICT (id) DO NOTHING;
            """)
    }

    func append(_ event: AuditEvent) throws -> AuditRecord {
        try execute("BEGIN")
        do {
            let head = try rows("SELECT sequence, hash FROM \(AuditColumns.head) WHERE id = 1 FOR UPDATE", []).first
            guard let head, let sequence = head[0].flatMap({ Int($0) }), let previous = head[1] else {
                throw AuditStoreError("the audit chain head row is missing")
            }
            let record = AuditChain.record(event, sequence: sequence + 1, previousHash: previous)
            try insert(record)
            _ = try rows("UPDATE \(AuditColumns.head) SET sequence = ?, hash = ? WHERE id = 1", [String(record.sequence), record.hash])
            try execute("COMMIT")
            return record
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Takes the chain head for a moment, waiting at most `lock_timeout` for another server's append to finish.
    func checkWritable() throws {
        try execute("BEGIN")
        defer { try? execute("ROLLBACK") }
        try execute("SET LOCAL lock_timeout = '2s'")
        try execute("SELECT 1 FROM \(AuditColumns.head) WHERE id = 1 FOR UPDATE")
    }

    /// `?` placeholders numbered `$1…$n`.
    static func numbered(_ sql: String) -> String {
        var number = 0
        return sql.reduce(into: "") { result, character in
            if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
    }

    private func connection() throws -> OpaquePointer {
        if let handle, PQstatus(handle) == CONNECTION_OK { return handle }
        PQfinish(handle)
        handle = nil
        let opened = PQconnectdb(url)
        guard let opened, PQstatus(opened) == CONNECTION_OK else {
            let why = Self.message(opened)
            PQfinish(opened)
            throw AuditStoreError("the audit log's PostgreSQL database cannot be reached: \(why)")
        }
        PQsetNoticeProcessor(opened, { _, _ in }, nil)
        handle = opened
        return opened
    }

    private func execute(_ sql: String) throws {
        let connection = try connection()
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw AuditStoreError("audit log: \(Self.message(connection))") }
    }

    func rows(_ sql: String, _ values: [String?]) throws -> [[String?]] {
        let connection = try connection()
        let sql = Self.numbered(sql)
        let copies = values.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let result = PQexecParams(connection, sql, Int32(values.count), nil, pointers, nil, nil, 0)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw AuditStoreError("audit log: \(Self.message(connection))") }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    private static func message(_ connection: OpaquePointer?) -> String {
        connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "no connection"
    }
}
