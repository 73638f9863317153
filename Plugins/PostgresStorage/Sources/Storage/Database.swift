import Foundation
import LanternPluginSDK
import SQLStorageKit

/// The connection pool to one PostgreSQL database. Writes run in READ COMMITTED transactions (retried when
/// they lose a deadlock), multi-query reads in one REPEATABLE READ snapshot. libpq errors leave here as
/// ``StorageError``s.
final class Database: Sendable {
    /// `host:port`, for messages.
    let endpoint: String
    private let pool: ConnectionPool

    /// How often a write transaction that lost a deadlock or serialization race runs again.
    private static let attempts = 3

    private init(endpoint: String, pool: ConnectionPool) {
        self.endpoint = endpoint
        self.pool = pool
    }

    /// A pool of `poolSize` connections; one connects now, so an unreachable server fails here with
    /// ``StorageError/unavailable(_:)`` naming the host, the port and libpq's reason.
    static func open(_ settings: PostgresStorageSettings) async throws -> Database {
        let database = Database(endpoint: settings.connection.endpoint,
                                pool: ConnectionPool(parameters: settings.connection, size: settings.poolSize))
        do {
            try await database.session { connection in _ = try connection.query("SELECT 1") }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Runs `body` in one write transaction (BEGIN … COMMIT); returns only after the commit.
    func write<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await storageErrors {
            try await pool.run { connection in
                var attempt = 1
                while true {
                    do {
                        return try connection.transaction { try body(connection) }
                    } catch let error as PGError where error.isRetryable && attempt < Self.attempts {
                        attempt += 1
                    }
                }
            }
        }
    }

    /// Runs `body` in one read-only REPEATABLE READ transaction, so all its queries see one snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await storageErrors {
            try await pool.run { connection in
                try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") { try body(connection) }
            }
        }
    }

    /// Runs `body` on a connection outside any transaction (it manages its own, as migrations do).
    func session<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await storageErrors { try await pool.run(body) }
    }

    /// Closes every connection once its current work has finished.
    func close() async {
        await pool.close()
    }

    /// Maps failures to ``StorageError``: constraint violations become conflicts, unstorable values invalid
    /// input, a statement canceled at `statement_timeout` "too slow", anything else (a lost connection, a server
    /// error) "unavailable".
    private func storageErrors<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as StorageError {
            throw error
        } catch let error as PGError where error.isConstraintViolation {
            throw StorageError.conflict(error.message)
        } catch let error as PGError where error.isDataException {
            throw StorageError.invalid(error.message)
        } catch let error as PGError where error.sqlState == PGError.queryCanceled {
            throw StorageError.tooSlow("PostgreSQL's statement_timeout, the storage setting statementTimeoutMs")
        } catch let error as PGError where error.message.hasPrefix("cannot connect") {
            throw StorageError.unavailable(error.message)
        } catch let error as RowEncodingError {
            throw StorageError.invalid(error.description)
        } catch {
            throw StorageError.unavailable("PostgreSQL at \(endpoint): \(error)")
        }
    }
}
