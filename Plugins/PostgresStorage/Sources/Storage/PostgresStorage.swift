import Foundation
import LanternPluginSDK
import SQLStorageKit
import Synchronization

/// Lantern's PostgreSQL storage: every project's data in one PostgreSQL database, shareable by many servers.
///
/// - Durability: ``write(_:projectID:)`` returns only after its transaction committed.
/// - Concurrency: a pool of libpq connections, each confined to its own serial queue (libpq calls never run
///   on Swift's cooperative thread pool). Ingestion merges rows in SQL (`INSERT … ON CONFLICT DO UPDATE`
///   against the stored row), so servers writing the same trace at the same time converge.
/// - Availability: a lost connection fails the call in progress with ``StorageError/unavailable(_:)`` and is
///   reopened by a later call once the server is back.
final class PostgresStorage: SQLStorage {
    /// The pool and the host that started it.
    private struct Running: Sendable {
        let database: Database
        let host: any PluginHost
    }

    let settings: PostgresStorageSettings
    private let state = Mutex<Running?>(nil)

    /// Creates a storage for validated settings; nothing connects before ``start(host:)``.
    init(settings: PostgresStorageSettings) { self.settings = settings }

    /// Opens the pool and checks that the server answers. Throws ``StorageError/unavailable(_:)`` naming the
    /// host, the port and libpq's reason. Does nothing when already started.
    public func start(host: any PluginHost) async throws {
        guard state.withLock({ $0 == nil }) else { return }
        let database = try await Database.open(settings)
        let alreadyRunning = state.withLock { current -> Bool in
            guard current == nil else { return true }
            current = Running(database: database, host: host)
            return false
        }
        if alreadyRunning {
            await database.close()
            return
        }
        host.logger.info("PostgreSQL storage connected", ["server": database.endpoint, "poolSize": "\(settings.poolSize)"])
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

    /// Applies pending schema migrations under an advisory lock (see ``Migrations``); idempotent.
    public func migrate() async throws {
        let running = try self.running()
        let now = running.host.now()
        let applied = try await running.database.session { connection in try Migrations.apply(on: connection, at: now) }
        for version in applied { running.host.logger.info("PostgreSQL schema migration applied", ["version": "\(version)"]) }
    }

    /// The pool and host; throws when the storage is not started.
    func running() throws -> (database: Database, host: any PluginHost) {
        guard let running = state.withLock({ $0 }) else {
            throw StorageError.unavailable("the PostgreSQL storage at \(settings.connection.endpoint) is not started")
        }
        return (running.database, running.host)
    }

    /// The host's current time; throws when the storage is not started.
    func now() throws -> Date { try running().host.now() }

    /// Runs `body` with a row fetcher in one write transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (RowFetcher) throws -> T) async throws -> T {
        let (database, host) = try running()
        let logger = host.logger
        return try await database.write { connection in try body(RowFetcher(connection: connection, logger: logger)) }
    }

    /// Runs `body` with a row fetcher in one read-only snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (RowFetcher) throws -> T) async throws -> T {
        let (database, host) = try running()
        let logger = host.logger
        return try await database.read { connection in try body(RowFetcher(connection: connection, logger: logger)) }
    }
}
