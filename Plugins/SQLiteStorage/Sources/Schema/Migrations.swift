import Foundation
import LanternPluginSDK

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
                      Migration(version: 11, sql: SchemaV11.sql),
                      Migration(version: 12, sql: SchemaV12.sql),
                      Migration(version: 13, sql: SchemaV13.sql), Migration(version: 14, sql: SchemaV14.sql)]

    /// Applies the pending migrations and returns the versions applied (empty when up to date).
    ///
    /// Idempotent and safe against a second process migrating at the same time: each version is
    /// re-checked inside its own `BEGIN IMMEDIATE` transaction. A database whose schema is newer than
    /// this plugin knows is refused rather than used.
    static func apply(on connection: SQLiteConnection, at now: Date) throws -> [Int] {
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        let known = all.map(\.version).max() ?? 0
        let stored = try connection.query("SELECT MAX(version) FROM schema_migrations") { $0.integer(0) }.first ?? 0
        guard stored <= known else {
            throw StorageError.unavailable("the database has schema version \(stored) but this SQLiteStorage plugin knows only up to \(known); use a newer plugin")
        }
        var applied: [Int] = []
        for migration in all {
            let ran = try connection.transaction(.immediate) { () throws -> Bool in
                let done = try connection.query("SELECT 1 FROM schema_migrations WHERE version = ?", [.int(migration.version)]) { $0.integer(0) }
                guard done.isEmpty else { return false }
                try connection.execute(migration.sql)
                try connection.run("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                                   [.int(migration.version), .text(now.ISO8601Format())])
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }
}
