import CSQLite
import Foundation
import LanternPluginSDK
import SQLStorageKit

/// The open database file: one writer connection, whose work runs strictly one piece at a time, and a
/// pool of read-only connections. SQLite errors leave here as ``StorageError``s.
final class Database: Sendable {
    /// The database file.
    let path: String
    private let writer: ConnectionWorker
    private let readers: ReaderPool
    /// How long one read may run before its statement is interrupted, in milliseconds; 0 for no limit.
    let statementTimeoutMs: Int

    private init(path: String, writer: ConnectionWorker, readers: ReaderPool, statementTimeoutMs: Int) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.statementTimeoutMs = statementTimeoutMs
    }

    /// Page cache of the writer connection, in KiB.
    static let writerCacheKiB = 32_768
    /// Page size of a new database file, in bytes (SQLite's default is 4,096; an existing file keeps its own). An
    /// observation row with its input and output (a few KiB) fits in one page instead of spilling into overflow pages,
    /// and the indexes are shallower. Against 4 KiB pages, with the same WAL size in bytes: bare observation inserts
    /// took ~54 instead of ~63 µs per row (bench/lantern_bench/ceiling.py's schema, 279,000 rows), OTLP ingestion at
    /// 32 clients ran 9 % faster, and trace list and detail reads on 1M observations 15–25 % faster.
    static let newFilePageBytes = 16_384
    /// WAL size, in bytes, past which a commit checkpoints the log into the database file (SQLite's default is 1,000
    /// pages). Hot index pages are rewritten by most batches, and a checkpoint copies each page once however often the
    /// log holds it, so checkpointing less often copies (and fsyncs) fewer pages per committed event; larger logs make
    /// the committing batch that checkpoints wait longer.
    static let walAutocheckpointBytes = 64 << 20
    /// Page cache of each reader connection, in KiB.
    static let readerCacheKiB = 8_192

    /// Opens (creating if needed) the database at `path` in WAL mode with `synchronous=FULL`, then `readers`
    /// read-only connections, whose reads stop after `statementTimeoutMs`. Throws ``StorageError/unavailable(_:)``
    /// naming the path and the reason.
    static func open(path: String, readers: Int, busyTimeoutMs: Int32, statementTimeoutMs: Int) throws -> Database {
        do {
            try createFolder(of: path)
            let writer = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                              busyTimeoutMs: busyTimeoutMs)
            guard !writer.isReadOnly else { throw SQLiteError(code: SQLITE_READONLY, message: "the file is not writable") }
            // Takes effect only on a file without tables, and only before it is switched to WAL.
            try writer.execute("PRAGMA page_size=\(newFilePageBytes)")
            let mode = try writer.query("PRAGMA journal_mode=WAL") { $0.text(0) }.first
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(message: "WAL journal mode is not available here (got \(mode ?? "no answer"))")
            }
            try writer.execute("PRAGMA synchronous=FULL")
            // The writer folds each batch against stored rows and updates several indexes: keep their pages in
            // memory instead of re-reading them from the file for every row (SQLite's default cache is 2 MiB).
            try writer.execute("PRAGMA cache_size=-\(writerCacheKiB)")
            try writer.execute("PRAGMA temp_store=MEMORY")
            let pageBytes = try writer.query("PRAGMA page_size") { $0.integer(0) }.first ?? 4_096
            try writer.execute("PRAGMA wal_autocheckpoint=\(Int64(walAutocheckpointBytes) / max(512, pageBytes))")
            let pool = try (0..<max(1, readers)).map { index in
                let reader = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, busyTimeoutMs: busyTimeoutMs)
                try reader.execute("PRAGMA cache_size=-\(readerCacheKiB)")
                return ConnectionWorker(reader, label: "dev.lantern.sqlite.reader.\(index)")
            }
            return Database(path: path, writer: ConnectionWorker(writer, label: "dev.lantern.sqlite.writer"), readers: ReaderPool(pool),
                            statementTimeoutMs: statementTimeoutMs)
        } catch let error as SQLiteError {
            throw StorageError.unavailable("cannot open SQLite database at \(path): \(error.message)")
        } catch {
            throw StorageError.unavailable("cannot open SQLite database at \(path): \(error)")
        }
    }

    /// Creates the folders above the database file when missing.
    private static func createFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create the folder \(folder) (\(error.localizedDescription))")
        }
    }

    /// Runs `body` on the writer connection after every write submitted before it.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await storageErrors { try await writer.run(body) }
    }

    /// Runs `body` on an idle read-only connection inside one read transaction, so all its queries see one snapshot;
    /// past ``statementTimeoutMs`` the running statement is interrupted and the read fails as too slow. Writes have
    /// no deadline: an acknowledged event must not be given up half-way.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        let timeout = statementTimeoutMs
        return try await storageErrors {
            try await readers.read { connection in
                try connection.withDeadline(milliseconds: timeout) { try connection.transaction(.deferred) { try body(connection) } }
            }
        }
    }

    /// Closes the readers, then the writer (the last connection checkpoints the WAL into the file).
    func close() async {
        await readers.close()
        await writer.close()
    }

    /// Maps failures to ``StorageError``: constraint violations become conflicts, unstorable values invalid input,
    /// a read stopped at its deadline "too slow", anything else "unavailable".
    private func storageErrors<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as StorageError {
            throw error
        } catch let error as SQLiteError where error.isConstraintViolation {
            throw StorageError.conflict(error.message)
        } catch let error as SQLiteError where error.code & 0xFF == SQLITE_INTERRUPT {
            throw StorageError.tooSlow("\(statementTimeoutMs) ms, the storage setting statementTimeoutMs")
        } catch let error as RowEncodingError {
            throw StorageError.invalid(error.description)
        } catch {
            throw StorageError.unavailable("SQLite database \(path): \(error)")
        }
    }
}
