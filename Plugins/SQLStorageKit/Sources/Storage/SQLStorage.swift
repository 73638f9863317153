import Foundation
import LanternPluginSDK

/// A storage backend on the shared SQL layer: the shared `StorageBackend` methods run their statements through
/// these two entry points of the plugin's connection layer.
package protocol SQLStorage: StorageBackend {
    /// The connection the plugin's statements run on.
    associatedtype Connection: SQLConnection

    /// Runs `body` with a row fetcher on the writer, in one write transaction, after the writes submitted before it.
    func write<T: Sendable>(_ body: @escaping @Sendable (RowFetcher<Connection>) throws -> T) async throws -> T
    /// Runs `body` with a row fetcher on a read connection, in one snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (RowFetcher<Connection>) throws -> T) async throws -> T
    /// The host's current time; throws when the storage is not started.
    func now() throws -> Date
}
