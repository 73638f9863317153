import Dispatch

/// One SQLite connection confined to its own serial dispatch queue.
///
/// Every use of the connection runs on that queue, one at a time and off Swift's cooperative thread
/// pool (SQLite calls block on disk and locks). Work runs in submission order.
final class ConnectionWorker: @unchecked Sendable {
    // @unchecked: `connection` is touched only on `queue`, which serialises every access.
    private let connection: SQLiteConnection
    private let queue: DispatchQueue

    /// Takes ownership of `connection`; `label` names the queue in debuggers.
    init(_ connection: SQLiteConnection, label: String) {
        self.connection = connection
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` with the connection on the worker's queue and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self.connection) }) }
        }
    }

    /// Closes the connection once the work queued before has finished.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.connection.close()
                continuation.resume()
            }
        }
    }
}
