import Foundation
import LanternPluginSDK
import SQLStorageKit

/// The versioned schema: each migration runs once, in its own transaction, and is recorded in
/// `schema_migrations(version, applied_at)`.
enum Migrations {
    /// One schema step.
    struct Migration: Sendable {
        let version: Int
        let sql: String
    }

    /// Every migration, oldest first.
    static let all = [Migration(version: 1, sql: SchemaV1.sql), Migration(version: 2, sql: SchemaV2.sql),
                      Migration(version: 3, sql: SchemaV3.sql), Migration(version: 4, sql: SchemaV4.sql),
                      Migration(version: 5, sql: SchemaV5.sql), Migration(version: 6, sql: SchemaV6.sql),
                      Migration(version: 7, sql: SchemaV7.sql), Migration(version: 8, sql: SchemaV8.sql),
                      Migration(version: 9, sql: SchemaV9.sql), Migration(version: 10, sql: SchemaV10.sql),
                      Migration(version: 11, sql: SchemaV11.sql), Migration(version: 12, sql: SchemaV12.sql),
                      Migration(version: 13, sql: SchemaV13.sql), Migration(version: 14, sql: SchemaV14.sql),
                      Migration(version: 15, sql: SchemaV15.sql)]

    /// The `pg_advisory_lock` key that serialises migrations across servers ("Lantern" in ASCII).
    static let lockKey: Int64 = 0x4C_61_6E_74_65_72_6E

    /// Applies the pending migrations and returns the versions applied (empty when up to date).
    ///
    /// Idempotent and safe when several servers start together: the whole run holds a session-level
    /// advisory lock, so one server migrates while the others wait and then find nothing to do. A database
    /// whose schema is newer than this plugin knows is refused rather than used.
    static func apply(on connection: PGConnection, at now: Date) throws -> [Int] {
        // Migrations, and the lock and version checks around them, are exempt from statementTimeoutMs: a slow moment
        // at start must not leave a server unable to start. RESET returns to the connection's configured timeout.
        try connection.run("SET statement_timeout = 0")
        defer { _ = try? connection.run("RESET statement_timeout") }
        let lock: [SQLValue] = [.text(String(lockKey))]
        try connection.run("SELECT pg_advisory_lock($1::bigint)", lock)
        defer { _ = try? connection.run("SELECT pg_advisory_unlock($1::bigint)", lock) }
        try connection.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        let known = all.map(\.version).max() ?? 0
        let stored = try connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        let storedVersion = PGRow(result: stored, index: 0).integer(0) ?? 0
        guard storedVersion <= known else {
            throw StorageError.unavailable(
                "the database has schema version \(storedVersion) but this PostgresStorage plugin knows only up to \(known); use a newer plugin")
        }
        var applied: [Int] = []
        for migration in all {
            let ran = try connection.transaction { () throws -> Bool in
                let done = try connection.query("SELECT 1 FROM schema_migrations WHERE version = $1", [.int(migration.version)])
                guard done.rowCount == 0 else { return false }
                try connection.execute(migration.sql)
                try connection.run("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                                   [.int(migration.version), .text(now.ISO8601Format())])
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }
}
