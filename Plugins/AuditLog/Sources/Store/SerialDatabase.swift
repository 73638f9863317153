import Dispatch

/// Runs a store's blocking database calls one at a time on a queue of their own, so they never hold one of the
/// cooperative threads the server's requests run on, and one connection is never used by two threads at once.
struct SerialDatabase: Sendable {
    let store: any AuditStore
    private let queue = DispatchQueue(label: "lantern.audit-log")

    init(store: any AuditStore) { self.store = store }

    func run<T: Sendable>(_ work: @escaping @Sendable (any AuditStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(store) })
            }
        }
    }
}
