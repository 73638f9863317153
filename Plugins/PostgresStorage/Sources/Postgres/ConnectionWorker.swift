import Dispatch
import LanternPluginSDK

/// One PostgreSQL connection confined to its own serial dispatch queue, opened on first use and reopened
/// after it is lost.
///
/// Every use of the connection runs on that queue, one at a time and off Swift's cooperative thread pool
/// (libpq calls block on the network). Work runs in submission order.
final class ConnectionWorker: @unchecked Sendable {
    // @unchecked: `connection` is touched only on `queue`, which serialises every access.
    private let parameters: ConnectionParameters
    private let queue: DispatchQueue
    private var connection: PGConnection?
    /// Set by ``close()``: later work fails instead of opening a new connection.
    private var closed = false

    /// A worker that connects with `parameters`; `label` names the queue in debuggers.
    init(parameters: ConnectionParameters, label: String) {
        self.parameters = parameters
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` with a live connection on the worker's queue and returns its result.
    ///
    /// A connection that turns out dead at the first command of `body` (the server restarted while it sat
    /// idle) is replaced and `body` runs once more: nothing of it reached the server. A connection lost
    /// later is dropped and the error thrown; the next call reconnects.
    func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.perform(body) }) }
        }
    }

    /// Closes the connection once the work queued before has finished; later work fails.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.closed = true
                self.drop()
                continuation.resume()
            }
        }
    }

    private func perform<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try live()
        let completed = connection.completedCommands
        do {
            return try body(connection)
        } catch let error as PGError where error.connectionLost {
            drop()
            guard connection.completedCommands == completed else { throw error }
            return try body(try live())
        } catch {
            if !connection.isOpen { drop() }
            throw error
        }
    }

    /// The open connection, connecting when there is none or it was lost.
    private func live() throws -> PGConnection {
        if let connection, connection.isOpen { return connection }
        drop()
        guard !closed else { throw StorageError.unavailable("the PostgreSQL storage is shut down") }
        let fresh = try PGConnection.connect(parameters)
        connection = fresh
        return fresh
    }

    private func drop() {
        connection?.close()
        connection = nil
    }
}
