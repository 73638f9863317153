import Synchronization

/// The read-only connections: each read checks one out for its whole duration; when all are busy,
/// reads wait in arrival order.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [ConnectionWorker]
        var waiting: [CheckedContinuation<ConnectionWorker, Never>] = []
    }

    private let workers: [ConnectionWorker]
    private let state: Mutex<State>

    /// A pool over `workers` (at least one, or reads would wait forever).
    init(_ workers: [ConnectionWorker]) {
        self.workers = workers
        self.state = Mutex(State(idle: workers))
    }

    /// Runs `body` on an idle reader.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        let worker = await checkOut()
        defer { checkIn(worker) }
        return try await worker.run(body)
    }

    /// Closes every reader once its current work has finished.
    func close() async {
        for worker in workers { await worker.close() }
    }

    private func checkOut() async -> ConnectionWorker {
        await withCheckedContinuation { continuation in
            let ready: ConnectionWorker? = state.withLock { pool in
                if let worker = pool.idle.popLast() { return worker }
                pool.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func checkIn(_ worker: ConnectionWorker) {
        let next: CheckedContinuation<ConnectionWorker, Never>? = state.withLock { pool in
            guard !pool.waiting.isEmpty else {
                pool.idle.append(worker)
                return nil
            }
            return pool.waiting.removeFirst()
        }
        next?.resume(returning: worker)
    }
}
