import Synchronization

/// A fixed set of connection workers: each piece of work checks one out for its whole duration; when all
/// are busy, work waits in arrival order.
final class ConnectionPool: Sendable {
    private struct State {
        var idle: [ConnectionWorker]
        var waiting: [CheckedContinuation<ConnectionWorker, Never>] = []
    }

    private let workers: [ConnectionWorker]
    private let state: Mutex<State>

    /// A pool of `size` workers (at least one) connecting with `parameters`; none connects before it is used.
    init(parameters: ConnectionParameters, size: Int) {
        let workers = (0..<max(1, size)).map { ConnectionWorker(parameters: parameters, label: "dev.lantern.postgres.connection.\($0)") }
        self.workers = workers
        self.state = Mutex(State(idle: workers))
    }

    /// Runs `body` on an idle connection.
    func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let worker = await checkOut()
        defer { checkIn(worker) }
        return try await worker.run(body)
    }

    /// Closes every connection once its current work has finished.
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
