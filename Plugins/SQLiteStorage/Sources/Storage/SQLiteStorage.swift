import Foundation
import LanternPluginSDK
import SQLStorageKit
import Synchronization

/// Lantern's SQLite storage: every project's data in one file.
///
/// - Durability: WAL journal with `synchronous=FULL`; ``write(_:projectID:)`` returns only after its
///   transaction committed, so an acknowledged event survives a crash or power loss.
/// - Concurrency: one writer connection on its own serial queue (writes run one at a time, in arrival
///   order, each batch in one transaction) and a pool of read-only connections, each read on its own
///   snapshot. SQLite calls never run on Swift's cooperative thread pool.
final class SQLiteStorage: SQLStorage {
    /// The open database and the host that started it.
    private struct Running: Sendable {
        let database: Database
        let host: any PluginHost
    }

    private let settings: SQLiteStorageSettings
    private let state = Mutex<Running?>(nil)

    /// Creates a storage for validated settings; nothing is opened before ``start(host:)``.
    init(settings: SQLiteStorageSettings) { self.settings = settings }

    /// Opens the database (creating the file and its folders), in WAL mode, with the reader pool.
    /// Throws ``StorageError/unavailable(_:)`` naming the path and the reason. Does nothing when already started.
    public func start(host: any PluginHost) async throws {
        guard state.withLock({ $0 == nil }) else { return }
        let database = try Database.open(path: settings.path, readers: settings.readers, busyTimeoutMs: settings.busyTimeoutMs,
                                         statementTimeoutMs: settings.statementTimeoutMs)
        let alreadyRunning = state.withLock { current -> Bool in
            guard current == nil else { return true }
            current = Running(database: database, host: host)
            return false
        }
        if alreadyRunning {
            await database.close()
            return
        }
        host.logger.info("SQLite storage opened", ["path": settings.path, "readers": "\(settings.readers)"])
    }

    /// Closes every connection after the work already queued on it. Idempotent; safe without ``start(host:)``.
    public func shutdown() async {
        let running = state.withLock { current -> Running? in
            let running = current
            current = nil
            return running
        }
        await running?.database.close()
    }

    /// Applies pending schema migrations on the writer; idempotent.
    public func migrate() async throws {
        let running = try self.running()
        let now = running.host.now()
        let applied = try await running.database.write { connection in try Migrations.apply(on: connection, at: now) }
        for version in applied { running.host.logger.info("SQLite schema migration applied", ["version": "\(version)"]) }
    }

    /// The open database and host; throws when the storage is not started.
    func running() throws -> (database: Database, host: any PluginHost) {
        guard let running = state.withLock({ $0 }) else {
            throw StorageError.unavailable("the SQLite storage at \(settings.path) is not started")
        }
        return (running.database, running.host)
    }

    /// How long the backup's connections wait for a lock.
    var backupBusyTimeoutMs: Int32 { settings.busyTimeoutMs }

    /// The host's current time; throws when the storage is not started.
    func now() throws -> Date { try running().host.now() }

    /// Runs `body` with a row fetcher on the writer connection, after the writes submitted before it.
    func write<T: Sendable>(_ body: @escaping @Sendable (RowFetcher) throws -> T) async throws -> T {
        let (database, host) = try running()
        let logger = host.logger
        return try await database.write { connection in try body(RowFetcher(connection: connection, logger: logger)) }
    }

    /// Runs `body` with a row fetcher on a read connection (one snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (RowFetcher) throws -> T) async throws -> T {
        let (database, host) = try running()
        let logger = host.logger
        return try await database.read { connection in try body(RowFetcher(connection: connection, logger: logger)) }
    }
}
